package io.beacon.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.ApiProblemAnswers;
import io.beacon.platform.LogLines;
import io.beacon.contracts.BeaconEvents;
import io.beacon.platform.PersonalData;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Bad input at the consent service (issue 5): a consent change with an unknown channel (API and Kafka), a malformed
 * unsubscribe token, an erasure for a customer Beacon does not know. Each is a clear error, an audit line on
 * {@code io.beacon.consent.audit}, and no state changed anywhere in the service's database. (A webhook with a bad
 * signature is the sms service's: InboundSmsWebhookTest.)
 */
class BadInputTest {

    private ConsentFixture consent;
    private LogLines audit;
    private MockMvc mvc;
    private ProfilesApi profiles;
    private final io.beacon.contracts.api.erasure.ErasureApi intake = org.mockito.Mockito.mock(io.beacon.contracts.api.erasure.ErasureApi.class);

    @BeforeEach
    void start() {
        consent = new ConsentFixture().consenting("C-1001");
        audit = new LogLines("io.beacon.consent.audit");
        profiles = mock(ProfilesApi.class);
        var erasure = new CustomerErasure(consent.changes, consent.ledger, PersonalData.of(PersonalData.Store.byField("consents", "_id")),
                consent.database, profiles, Map.of("intake", intake), Clock.systemUTC(), Duration.ofMinutes(2),
                io.beacon.platform.Pseudonyms.fromKey(java.util.Base64.getEncoder().encodeToString(new byte[32])));
        mvc = MockMvcBuilders.standaloneSetup(new ConsentController(consent.ledger, consent.changes, consent.leases),
                new UnsubscribeController(consent.tokens, consent.changes), new ErasureController(erasure))
                .setControllerAdvice(new ApiProblemAnswers()).build();
    }

    @AfterEach
    void stop() {
        audit.close();
        consent.close();
    }

    @Test
    void aConsentChangeWithAnUnknownChannelThroughTheApi() throws Exception {
        String before = consent.everything();

        mvc.perform(put("/api/consents/C-1001").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"fax\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\",\"source\":\"/console\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Invalid consent request; nothing was changed"))
                .andExpect(jsonPath("$.errors[0].field").value("/channel"))
                .andExpect(jsonPath("$.errors[0].message").value("must be one of sms, push, email, all"));

        assertThat(consent.everything()).isEqualTo(before);
        assertThat(consent.announced).isEmpty();
        assertThat(audit.lines()).singleElement().satisfies(line ->
                assertThat(line).contains("consent change for customer C-1001 refused", "/channel"));
    }

    @Test
    void aConsentChangeWithAnUnknownChannelFromABankSystem() {
        // intake's schema refuses it (fixture consent-unknown-channel); should one reach consent, it changes nothing either
        String before = consent.everything();
        var event = BeaconEvents.build("bank-evt-9", "/crm", "bank.consent.changed", "C-1001",
                Map.of("channel", "fax", "purpose", "marketing", "status", "WITHDRAWN"));

        new ConsentConfiguration().acceptedEvents(consent.changes).accept(MessageBuilder.withPayload(BeaconEvents.serialize(event)).build());

        assertThat(consent.everything()).isEqualTo(before);
        assertThat(consent.announced).isEmpty();
        assertThat(audit.lines()).singleElement().satisfies(line ->
                assertThat(line).contains("bank.consent.changed bank-evt-9 from /crm refused", "channel 'fax'", "nothing changed"));
    }

    @Test
    void aMalformedOrAlteredUnsubscribeToken() throws Exception {
        String token = consent.tokens.tokenFor("C-1001");
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        String before = consent.everything();

        for (String bad : new String[] {"not-a-token", "AAAA", altered}) {
            mvc.perform(post("/unsubscribe/" + bad).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(Matchers.containsString("This unsubscribe link is not valid")))
                    .andExpect(content().string(Matchers.containsString("Nothing was changed")));
        }

        assertThat(consent.everything()).isEqualTo(before);
        assertThat(consent.announced).isEmpty();
        assertThat(audit.lines()).hasSize(3).allSatisfy(line -> assertThat(line).contains("unsubscribe refused: the token is not one Beacon issued"));
    }

    @Test
    void anErasureForACustomerBeaconDoesNotKnow() throws Exception {
        when(profiles.suppressionTokens("C-404")).thenThrow(new ApiProblem.NotFound("no profile of customer C-404"));
        String before = consent.everything();

        mvc.perform(post("/api/customers/C-404/erasure"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://beacon.example/problems/unknown-customer"))
                .andExpect(jsonPath("$.detail").value("No customer C-404 in Beacon: no profile and no consent record; nothing was changed"));

        verify(profiles).suppressionTokens("C-404");
        org.mockito.Mockito.verifyNoInteractions(intake); // no service was asked to erase anything
        assertThat(consent.everything()).isEqualTo(before);
        assertThat(consent.announced).as("no objection published").isEmpty();
        assertThat(audit.lines()).singleElement().satisfies(line -> assertThat(line).contains("erasure refused: no customer C-404"));
    }
}
