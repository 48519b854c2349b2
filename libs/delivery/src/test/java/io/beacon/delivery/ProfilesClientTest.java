package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import io.beacon.delivery.ProfilesClient.Recipient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.test.web.client.ResponseCreator;
import org.springframework.web.client.RestClient;

class ProfilesClientTest {

    private static final String ALL_CONTACT_POINTS = """
            {"customerId":"C-1001","firstName":"Jane","language":"en-GB","phone":"+447700900123",
             "email":"jane.doe@example.com","pushToken":"fcm-registration-token-of-janes-phone"}""";

    @ParameterizedTest
    @CsvSource({
            "SMS,   +447700900123",
            "EMAIL, jane.doe@example.com",
            "PUSH,  fcm-registration-token-of-janes-phone"})
    void picksTheContactPointOfTheAskedChannel(Channel channel, String contactPoint) {
        var profiles = profilesAnswering(withSuccess(ALL_CONTACT_POINTS, MediaType.APPLICATION_JSON));

        assertThat(profiles.recipient("C-1001", channel)).contains(new Recipient("C-1001", "Jane", "en-GB", contactPoint));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void hasNoContactPointWhenTheProfileLacksTheChannelsOne(Channel channel) {
        var profiles = profilesAnswering(withSuccess("{\"customerId\":\"C-1001\",\"firstName\":\"Jane\"}", MediaType.APPLICATION_JSON));

        assertThat(profiles.recipient("C-1001", channel)).hasValueSatisfying(recipient -> assertThat(recipient.contactPoint()).isNull());
    }

    @Test
    void isEmptyForAnUnknownProfile() {
        var profiles = profilesAnswering(withStatus(HttpStatus.NOT_FOUND));

        assertThat(profiles.recipient("C-1001", Channel.SMS)).isEmpty();
    }

    private static ProfilesClient profilesAnswering(ResponseCreator response) {
        var builder = RestClient.builder().baseUrl("http://profiles");
        MockRestServiceServer.bindTo(builder).build()
                .expect(requestTo("http://profiles/internal/profiles/C-1001/contact-points"))
                .andRespond(response);
        return new ProfilesClient(builder.build());
    }
}
