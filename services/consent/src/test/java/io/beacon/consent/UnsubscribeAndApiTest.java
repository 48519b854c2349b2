package io.beacon.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static io.beacon.platform.ServiceApiTesting.caller;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.Topics;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.ServiceApiTesting;
import io.beacon.platform.UnsubscribeTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

class UnsubscribeAndApiTest {

    private static final String SECRET = "test-secret-test-secret-test-secret";

    private MongoServer server;
    private MongoClient client;
    private ConsentLedger ledger;
    private final List<String> announced = new ArrayList<>();
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(SECRET);
    private MockMvc mvc;
    private CustomerErasure erasure;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        ledger = new ConsentLedger(client.getDatabase("test"));
        EventPublisher publisher = mock(EventPublisher.class);
        when(publisher.publish(any(), any(), any())).thenAnswer(call -> {
            announced.add(call.getArgument(0));
            return CompletableFuture.completedFuture(null);
        });
        org.mockito.Mockito.doAnswer(call -> announced.add(call.getArgument(0))).when(publisher).publishAndWait(any(), any(), any());
        var leases = new SendLeases(client.getDatabase("test"), ledger, java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(30),
                java.time.Duration.ofMillis(10));
        var changes = new ConsentChanges(ledger, publisher, leases);
        // through consent's own filter chain: the unsubscribe link is public, the API needs a caller
        erasure = org.mockito.Mockito.mock(CustomerErasure.class);
        mvc = ServiceApiTesting.securedMockMvc(new UnsubscribeController(tokens, changes), new ConsentController(ledger, changes, leases),
                new ErasureController(erasure));
        ledger.record("grant", new io.beacon.contracts.ConsentChange("C-1001", "email", "marketing", true, "/crm", java.time.Instant.now()), "CONSENT");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void complianceListsEveryCustomersConsentChangesInATimeRangeNewestFirst() throws Exception {
        ledger.record("withdraw", new io.beacon.contracts.ConsentChange("C-2002", "sms", "marketing", false, "/console by rm-1",
                java.time.Instant.now()), "CONSENT");

        mvc.perform(get("/api/consents/changes").param("from", "2000-01-01T00:00:00Z").with(caller("console")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].customerId").value("C-2002"))
                .andExpect(jsonPath("$[0].source").value("/console by rm-1"))
                .andExpect(jsonPath("$[1].customerId").value("C-1001"));
        mvc.perform(get("/api/consents/changes").param("from", "2000-01-01T00:00:00Z").param("to", "2000-01-02T00:00:00Z").with(caller("console")))
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/consents/changes").with(caller("console"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    @Test
    void aBatchCheckAnswersEveryChannelOfEachCustomerAsTheSingleCheckDoes() throws Exception {
        ledger.record("withdraw", new io.beacon.contracts.ConsentChange("C-2002", "all", "marketing", false, "/app", java.time.Instant.now()), "CONSENT");

        mvc.perform(post("/api/consents/checks").with(caller("decisioning")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerIds\": [\"C-1001\", \"C-2002\", \"C-NEW\", \"C-1001\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results.length()").value(3))
                .andExpect(jsonPath("$.results.C-1001.email.allowed").value(true))
                .andExpect(jsonPath("$.results.C-1001.sms.allowed").value(false))
                .andExpect(jsonPath("$.results.C-1001.sms.reason").value("NO_CONSENT"))
                .andExpect(jsonPath("$.results.C-2002.email.reason").value("OPTED_OUT"))
                .andExpect(jsonPath("$.results.C-2002.push.reason").value("OPTED_OUT"))
                .andExpect(jsonPath("$.results.C-NEW.push.reason").value("NO_CONSENT"));
        assertThat(ledger.check("C-1001", "email", "marketing").allowed()).isTrue();

        mvc.perform(post("/api/consents/checks").with(caller("decisioning")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerIds\": [], \"purpose\": \"spam\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/customerIds"))
                .andExpect(jsonPath("$.errors[1].field").value("/purpose"));
        String tooMany = java.util.stream.IntStream.range(0, ConsentController.MAX_CHECKS + 1).mapToObj(i -> "\"C-" + i + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{\"customerIds\": [", "]}"));
        mvc.perform(post("/api/consents/checks").with(caller("decisioning")).contentType(MediaType.APPLICATION_JSON).content(tooMany))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("at most 1000")));
    }

    @Test
    void oneClickPostWithoutCookieOrLoginUnsubscribesTheTokensCustomer() throws Exception {
        mvc.perform(post("/unsubscribe/" + tokens.tokenFor("C-1001")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("List-Unsubscribe=One-Click"))
                .andExpect(status().isOk());

        assertThat(ledger.check("C-1001", "email", "marketing").reason()).isEqualTo(ReasonCode.OPTED_OUT);
        assertThat(announced).containsExactly(Topics.CONSENT_CHANGES);
    }

    @Test
    void alteredTokenChangesNothing() throws Exception {
        String token = tokens.tokenFor("C-1001");
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        mvc.perform(post("/unsubscribe/" + altered).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click"))
                .andExpect(status().isBadRequest());

        assertThat(ledger.check("C-1001", "email", "marketing").allowed()).isTrue();
        assertThat(announced).isEmpty();
    }

    @Test
    void getShowsAConfirmationPageAndChangesNothing() throws Exception {
        mvc.perform(get("/unsubscribe/" + tokens.tokenFor("C-1001")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("List-Unsubscribe")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("personal data")));

        assertThat(ledger.check("C-1001", "email", "marketing").allowed()).isTrue();
    }

    @Test
    void refusingProfilingOnThePageWithdrawsProfilingEverywhere() throws Exception {
        mvc.perform(post("/unsubscribe/" + tokens.tokenFor("C-1001")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("List-Unsubscribe=One-Click&profiling=refuse"))
                .andExpect(status().isOk());

        assertThat(ledger.history("C-1001")).anySatisfy(entry -> {
            assertThat(entry.getString("channel")).isEqualTo("all");
            assertThat(entry.getString("purpose")).isEqualTo("profiling");
            assertThat(entry.getBoolean("granted")).isFalse();
        });
        assertThat(ledger.current("C-1001").get("push", org.bson.Document.class).get("profiling", org.bson.Document.class).getBoolean("granted")).isFalse();
    }

    @Test
    void theAppsPreferencesShowAndChangeMarketingPerChannelAndProfiling() throws Exception {
        mvc.perform(get("/api/preferences/C-1001").with(caller("app")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.marketing.email").value(true))
                .andExpect(jsonPath("$.marketing.push").value(false))
                .andExpect(jsonPath("$.profiling").value(true));

        mvc.perform(put("/api/preferences/C-1001").with(caller("app")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"marketing\":{\"email\":false,\"push\":true},\"profiling\":false}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.marketing.email").value(false))
                .andExpect(jsonPath("$.marketing.push").value(true))
                .andExpect(jsonPath("$.profiling").value(false));

        assertThat(ledger.check("C-1001", "email", "marketing").allowed()).isFalse();
        assertThat(ledger.history("C-1001")).filteredOn(e -> "/app/preferences".equals(e.getString("source"))).hasSize(3);
        assertThat(announced).hasSize(3);
    }

    @Test
    void preferencesWithAnUnknownChannelOrANonBooleanAreRefusedWholeNamingTheFields() throws Exception {
        mvc.perform(put("/api/preferences/C-1001").with(caller("app")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"marketing\":{\"email\":false,\"fax\":true},\"profiling\":false}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/marketing/fax"));
        // the body is typed (PreferencesChange): a value that is not true or false does not read, and is named as well
        mvc.perform(put("/api/preferences/C-1001").with(caller("app")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"marketing\":{\"email\":false},\"profiling\":\"no\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://beacon.example/problems/invalid-consent"))
                .andExpect(jsonPath("$.errors[0].field").value("/profiling"))
                .andExpect(jsonPath("$.errors[0].message").value("must be true or false"));

        assertThat(ledger.check("C-1001", "email", "marketing").allowed()).isTrue();
        assertThat(announced).isEmpty();
    }

    @Test
    void consentChangeWithAnUnknownChannelIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        mvc.perform(put("/api/consents/C-1001").with(caller("console")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"fax\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\",\"source\":\"/console\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/channel"));

        assertThat(ledger.history("C-1001")).hasSize(1);
        assertThat(announced).isEmpty();
    }

    @Test
    void consentChangeThroughTheApiIsRecordedWithWhoAndAnnounced() throws Exception {
        mvc.perform(put("/api/consents/C-1001").with(caller("console")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"email\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\",\"source\":\"/console\",\"actor\":\"rm-alice\"}"))
                .andExpect(status().isOk());

        assertThat(ledger.history("C-1001")).last().satisfies(entry -> {
            assertThat(entry.getString("source")).isEqualTo("/console by rm-alice");
            assertThat(entry.getBoolean("granted")).isFalse();
        });
        assertThat(announced).containsExactly(Topics.CONSENT_CHANGES);
    }

    @Test
    void theAppsPreferencesAndConsentChangesNeedACallerAndChangeNothingWithout() throws Exception {
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> put("/api/preferences/C-1001").contentType(MediaType.APPLICATION_JSON)
                .content("{\"marketing\":{\"email\":false}}"));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> put("/api/consents/C-1001").contentType(MediaType.APPLICATION_JSON)
                .content("{\"channel\":\"email\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\",\"source\":\"/console\"}"));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> get("/api/preferences/C-1001"));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> get("/api/consents/C-1001/check?channel=email&purpose=marketing"));

        assertThat(ledger.check("C-1001", "email", "marketing").allowed()).isTrue();
        assertThat(ledger.history("C-1001")).hasSize(1);
        assertThat(announced).isEmpty();
        mvc.perform(get("/api/consents/C-1001/check?channel=email&purpose=marketing").with(caller("sms")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowed").value(true));
    }

    @Test
    void anErasureNeedsACaller() throws Exception {
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> post("/api/customers/C-1001/erasure"));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> post("/api/suppressions/check").contentType(MediaType.APPLICATION_JSON)
                .content("{\"tokens\":[\"abc\"]}"));
        org.mockito.Mockito.verifyNoInteractions(erasure);

        mvc.perform(post("/api/customers/C-1001/erasure").with(caller("console"))).andExpect(status().isNotFound());
        org.mockito.Mockito.verify(erasure).erase("C-1001");
    }

    @Test
    void theUnsubscribeLinkNeedsNoLoginButItsToken() throws Exception {
        // the GET page and the one-click POST above are sent without credentials; a forged token is still refused
        mvc.perform(post("/unsubscribe/forged-token").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/unsubscribe/" + tokens.tokenFor("C-1001"))).andExpect(status().isOk());
    }
}
