package io.beacon.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
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
import io.beacon.platform.UnsubscribeTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class UnsubscribeAndApiTest {

    private static final String SECRET = "test-secret-test-secret-test-secret";

    private MongoServer server;
    private MongoClient client;
    private ConsentLedger ledger;
    private final List<String> announced = new ArrayList<>();
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(SECRET);
    private MockMvc mvc;

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
        mvc = MockMvcBuilders.standaloneSetup(new UnsubscribeController(tokens, changes), new ConsentController(ledger, changes, leases)).build();
        ledger.record("grant", new io.beacon.contracts.ConsentChange("C-1001", "email", "marketing", true, "/crm", java.time.Instant.now()), "CONSENT");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
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
        mvc.perform(get("/api/preferences/C-1001"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.marketing.email").value(true))
                .andExpect(jsonPath("$.marketing.push").value(false))
                .andExpect(jsonPath("$.profiling").value(true));

        mvc.perform(put("/api/preferences/C-1001").contentType(MediaType.APPLICATION_JSON)
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
        mvc.perform(put("/api/preferences/C-1001").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"marketing\":{\"email\":false,\"fax\":true},\"profiling\":\"no\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/marketing/fax"))
                .andExpect(jsonPath("$.errors[1].field").value("/profiling"));

        assertThat(ledger.check("C-1001", "email", "marketing").allowed()).isTrue();
        assertThat(announced).isEmpty();
    }

    @Test
    void consentChangeWithAnUnknownChannelIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        mvc.perform(put("/api/consents/C-1001").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"fax\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\",\"source\":\"/console\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/channel"));

        assertThat(ledger.history("C-1001")).hasSize(1);
        assertThat(announced).isEmpty();
    }

    @Test
    void consentChangeThroughTheApiIsRecordedWithWhoAndAnnounced() throws Exception {
        mvc.perform(put("/api/consents/C-1001").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"email\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\",\"source\":\"/console\",\"actor\":\"rm-alice\"}"))
                .andExpect(status().isOk());

        assertThat(ledger.history("C-1001")).last().satisfies(entry -> {
            assertThat(entry.getString("source")).isEqualTo("/console by rm-alice");
            assertThat(entry.getBoolean("granted")).isFalse();
        });
        assertThat(announced).containsExactly(Topics.CONSENT_CHANGES);
    }
}
