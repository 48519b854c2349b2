package io.beacon.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.platform.ServiceClients;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ProfilesClientTest {

    @RegisterExtension
    static WireMockExtension profiles = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String ALL_CONTACT_POINTS = """
            {"customerId":"C-1001","firstName":"Jane","language":"en-GB","phone":"+447700900123",
             "email":"jane.doe@example.com","pushToken":"fcm-registration-token-of-janes-phone"}""";

    @ParameterizedTest
    @CsvSource({
            "SMS,   +447700900123",
            "EMAIL, jane.doe@example.com",
            "PUSH,  fcm-registration-token-of-janes-phone"})
    void picksTheContactPointOfTheAskedChannel(Channel channel, String contactPoint) {
        var client = profilesAnswering(okJson(ALL_CONTACT_POINTS));

        assertThat(client.recipient("C-1001", channel)).contains(new Recipient("C-1001", "Jane", "en-GB", contactPoint));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void hasNoContactPointWhenTheProfileLacksTheChannelsOne(Channel channel) {
        var client = profilesAnswering(okJson("{\"customerId\":\"C-1001\",\"firstName\":\"Jane\"}"));

        assertThat(client.recipient("C-1001", channel)).hasValueSatisfying(recipient -> assertThat(recipient.contactPoint()).isNull());
    }

    @Test
    void isEmptyForAnUnknownProfile() {
        var client = profilesAnswering(notFound());

        assertThat(client.recipient("C-1001", Channel.SMS)).isEmpty();
    }

    @Test
    void defersTheSendWhenProfilesCannotAnswer() {
        var client = profilesAnswering(aResponse().withStatus(503));

        assertThatThrownBy(() -> client.recipient("C-1001", Channel.SMS)).isInstanceOf(DeliveryDeferredException.class)
                .hasMessageContaining("contact points of customer C-1001 unavailable");
    }

    private static ProfilesClient profilesAnswering(ResponseDefinitionBuilder response) {
        profiles.stubFor(get("/internal/profiles/C-1001/contact-points").willReturn(response));
        return new ProfilesClient(new ServiceClients("sms", "dev-sms-password").api(ProfilesApi.class, URI.create(profiles.baseUrl())));
    }
}
