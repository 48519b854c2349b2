package io.beacon.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.BankEventType;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.ContactPoints;
import io.beacon.contracts.api.profiles.PhoneLookup;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.contracts.api.profiles.PushTokenRemoval;
import io.beacon.contracts.api.profiles.UnregisteredPushToken;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** ProfilesApi: the controller over real HTTP, called through the typed client the other services use. */
class ProfilesApiContractTest extends ProfilesOverHttp {

    private static final String PHONE = "+447700900123";
    private static final String EMAIL = "jane.doe@example.com";
    private static final String TOKEN = "fcm-registration-token-of-janes-phone";

    @Autowired
    ProfileStore store;

    /** A sender: the only kind of caller that may read contact points in clear. */
    private ProfilesApi sms;

    @BeforeEach
    void janeIsKnown() throws Exception {
        database.getCollection("profiles").drop();
        store.apply("C-1001", "e1", BankEventType.CUSTOMER_UPDATED, Json.mapper().readTree("""
                {"firstName":"Jane","language":"en-GB","timeZone":"Europe/London","country":"GB","birthDate":"1990-05-01",
                 "relationshipManager":"rm-1","contactPoints":{"phone":"%s","email":"%s","pushToken":"%s"}}""".formatted(PHONE, EMAIL, TOKEN)),
                Instant.now());
        sms = api(ProfilesApi.class, "sms");
    }

    @Test
    void theProfileIsTheSnapshotDecisionsRead() {
        ProfileSnapshot profile = api(ProfilesApi.class, "decisioning").profile("C-1001");

        assertThat(profile.customerId()).isEqualTo("C-1001");
        assertThat(profile.country()).isEqualTo("GB");
        assertThat(profile.birthDate()).as("the birth date stays in the profile (ADR 0038)").isNull();
        assertThat(profile.age()).isEqualTo(java.time.Period.between(java.time.LocalDate.of(1990, 5, 1), java.time.LocalDate.now(java.time.ZoneOffset.UTC)).getYears());
        assertThat(profile.relationshipManager()).isEqualTo("rm-1");
        assertThat(profile.contactChannels()).containsExactlyInAnyOrder("sms", "email", "push");
        assertThatThrownBy(() -> sms.profile("C-404")).isInstanceOf(ApiProblem.NotFound.class);
    }

    @Test
    void contactPointsAreMaskedExceptForTheSenders() {
        ContactPoints masked = api(ProfilesApi.class, "console").contactPoints("C-1001");
        ContactPoints clear = sms.contactPointsForSending("C-1001");

        assertThat(masked).isEqualTo(new ContactPoints("C-1001", "Jane", "en-GB", "Europe/London", false, "+44770****0123",
                "j***@example.com", "fcm-****"));
        assertThat(clear).usingRecursiveComparison().ignoringFields("contactTokens")
                .isEqualTo(new ContactPoints("C-1001", "Jane", "en-GB", "Europe/London", false, PHONE, EMAIL, TOKEN));
        assertThat(clear.of("phone")).isEqualTo(PHONE);
        // the senders get each contact point's blind index for their send lease (ADR 0030): one-way, never the value
        assertThat(clear.contactTokens()).containsOnlyKeys("phone", "email", "pushToken")
                .allSatisfy((kind, token) -> assertThat(token).isNotBlank().isNotEqualTo(clear.of(kind)));
        assertThat(masked.contactTokens()).as("a screen gets no blind index").isNull();
        // the console is no sender: the path is kept to role CHANNEL
        assertThatThrownBy(() -> api(ProfilesApi.class, "console").contactPointsForSending("C-1001"))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> assertThat(problem.status()).isEqualTo(403));
        assertThatThrownBy(() -> sms.contactPointsForSending("C-404")).isInstanceOf(ApiProblem.NotFound.class);
    }

    @Test
    void whoHoldsANumberIsAskedInTheBodyAndAnswersCustomerIdsOnly() {
        assertThat(sms.lookup(new PhoneLookup(PHONE)).customerIds()).containsExactly("C-1001");
        assertThat(sms.lookup(new PhoneLookup("+447700900999")).customerIds()).isEmpty();

        assertThatThrownBy(() -> sms.lookup(new PhoneLookup("07700 900123")))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.errors()).containsExactly(new ApiProblem.FieldError("/phone", "must be an E.164 number"));
                });
    }

    @Test
    void theSuppressionTokensAreBlindIndexesByKind() {
        var tokens = api(ProfilesApi.class, "consent").suppressionTokens("C-1001").tokens();

        assertThat(tokens).containsOnlyKeys("phone", "email", "pushToken");
        assertThat(tokens.values()).doesNotContain(PHONE, EMAIL, TOKEN).allSatisfy(token -> assertThat(token).isNotBlank());
        assertThatThrownBy(() -> sms.suppressionTokens("C-404")).isInstanceOf(ApiProblem.NotFound.class);
    }

    @Test
    void aDeadPushTokenIsRemovedOnlyWhileItIsTheProfilesOne() {
        ProfilesApi push = api(ProfilesApi.class, "push");

        assertThatThrownBy(() -> push.pushTokenUnregistered("C-1001", new UnregisteredPushToken(" ")))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem ->
                        assertThat(problem.errors()).extracting(ApiProblem.FieldError::field).containsExactly("/token"));
        assertThat(push.pushTokenUnregistered("C-1001", new UnregisteredPushToken("another-token"))).isEqualTo(new PushTokenRemoval(false));
        assertThat(push.pushTokenUnregistered("C-1001", new UnregisteredPushToken(TOKEN))).isEqualTo(new PushTokenRemoval(true));
        assertThat(sms.contactPointsForSending("C-1001").pushToken()).isNull();
    }
}
