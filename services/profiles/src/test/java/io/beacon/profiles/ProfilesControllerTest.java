package io.beacon.profiles;

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
import io.beacon.platform.ApiProblemAnswers;
import io.beacon.platform.TestKeys;
import java.time.Instant;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** What the profiles API answers: contact points masked, except on the senders' internal endpoint. */
class ProfilesControllerTest {

    private static final String PHONE = "+8613812345678";
    private static final String EMAIL = "jane.doe@example.com";
    private static final String TOKEN = "fcm-registration-token-of-janes-phone";

    private MongoServer server;
    private MongoClient client;
    private MockMvc mvc;

    @BeforeEach
    void start() throws Exception {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        var store = new ProfileStore(client.getDatabase("test"), TestKeys.protection());
        store.apply("C-1001", "e1", BankEventType.CUSTOMER_UPDATED, Json.mapper().readTree("{\"firstName\":\"Jane\",\"language\":\"zh-CN\","
                + "\"contactPoints\":{\"phone\":\"" + PHONE + "\",\"email\":\"" + EMAIL + "\",\"pushToken\":\"" + TOKEN + "\"}}"), Instant.now());
        mvc = MockMvcBuilders.standaloneSetup(new ProfilesController(store)).setControllerAdvice(new ApiProblemAnswers()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void theContactPointsApiAnswersMasked() throws Exception {
        mvc.perform(get("/api/profiles/C-1001/contact-points"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").value("+86138****5678"))
                .andExpect(jsonPath("$.email").value("j***@example.com"))
                .andExpect(jsonPath("$.pushToken").value("fcm-****"))
                .andExpect(jsonPath("$.firstName").value("Jane"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("13812345678"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("jane.doe"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString(TOKEN))));
    }

    @Test
    void onlyTheSendersInternalEndpointAnswersInClear() throws Exception {
        mvc.perform(get("/internal/profiles/C-1001/contact-points"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").value(PHONE))
                .andExpect(jsonPath("$.email").value(EMAIL))
                .andExpect(jsonPath("$.pushToken").value(TOKEN))
                .andExpect(jsonPath("$.noProfiling").value(false));
        mvc.perform(get("/internal/profiles/C-404/contact-points")).andExpect(status().isNotFound());
    }

    @Test
    void noOtherAnswerCarriesAContactPoint() throws Exception {
        for (String url : new String[] {"/api/profiles/C-1001", "/api/profiles/C-1001/suppression-tokens"}) {
            mvc.perform(get(url))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.not(Matchers.containsString("13812345678"))))
                    .andExpect(content().string(Matchers.not(Matchers.containsString("jane.doe"))))
                    .andExpect(content().string(Matchers.not(Matchers.containsString(TOKEN))));
        }
        // who holds a number: asked in the body, answered with customer ids only
        mvc.perform(post("/api/profiles/lookup").contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"" + PHONE + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerIds[0]").value("C-1001"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("13812345678"))));
    }
}
