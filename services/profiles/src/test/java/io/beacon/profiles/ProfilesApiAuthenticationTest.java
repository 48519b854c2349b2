package io.beacon.profiles;

import static io.beacon.platform.ServiceApiTesting.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.Json;
import io.beacon.platform.ServiceApiTesting;
import io.beacon.platform.TestKeys;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Profiles' API through its filter chain: contact points in clear and the changes to a profile need a caller. */
class ProfilesApiAuthenticationTest {

    private MongoServer server;
    private MongoClient client;
    private ProfileStore store;
    private MockMvc mvc;

    @BeforeEach
    void start() throws Exception {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        store = new ProfileStore(client.getDatabase("test"), TestKeys.protection());
        store.apply("C9", "e1", BankEventType.CUSTOMER_UPDATED,
                Json.mapper().readTree("{\"contactPoints\":{\"pushToken\":\"token-of-c9\",\"phone\":\"+447700900123\"}}"), Instant.now());
        mvc = ServiceApiTesting.securedMockMvc(new ProfilesController(store));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void contactPointsInClearNeedASender() throws Exception {
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> get("/internal/profiles/C9/contact-points"));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> get("/api/profiles/C9/contact-points"));

        for (String sender : List.of("sms", "push", "email")) {
            mvc.perform(get("/internal/profiles/C9/contact-points").with(caller(sender)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.phone").value("+447700900123"));
        }
        // only the senders (role CHANNEL) get contact points in clear: not the console, the bank's systems or decisioning
        for (String other : List.of("console", "bank-core", "app", "decisioning", "consent")) {
            mvc.perform(get("/internal/profiles/C9/contact-points").with(caller(other)))
                    .andExpect(status().isForbidden())
                    .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("+447700900123"))));
        }
        mvc.perform(get("/api/profiles/C9/contact-points").with(caller("console")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").value("+44770****0123"));
    }

    @Test
    void aPushTokenIsRemovedOnlyForACaller() throws Exception {
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> post("/api/profiles/C9/push-token/unregistered")
                .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"token-of-c9\"}"));
        assertThat(store.contactPoints(store.find("C9").orElseThrow())).containsEntry("pushToken", "token-of-c9");

        mvc.perform(post("/api/profiles/C9/push-token/unregistered").with(caller("push"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"token-of-c9\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.removed").value(true));
    }

    @Test
    void whoHoldsANumberAndTheSuppressionTokensNeedACaller() throws Exception {
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> post("/api/profiles/lookup")
                .contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"+447700900123\"}"));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> get("/api/profiles/C9/suppression-tokens"));

        mvc.perform(post("/api/profiles/lookup").with(caller("sms")).contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"+447700900123\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerIds[0]").value("C9"));
        mvc.perform(get("/api/profiles/C9/suppression-tokens").with(caller("consent"))).andExpect(status().isOk());
        mvc.perform(get("/api/profiles/C9").with(caller("decisioning"))).andExpect(status().isOk());
    }
}
