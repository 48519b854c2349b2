package io.beacon.decisioning.web;

import static io.beacon.platform.ServiceApiTesting.caller;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.mongo.DecisionRecords;
import io.beacon.platform.ServiceApiTesting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Decisioning's API through its filter chain: decisions, the simulation and the rules need a caller. */
class DecisioningApiAuthenticationTest {

    private final Decisioning decisioning = Mockito.mock(Decisioning.class);
    private final MockMvc mvc = ServiceApiTesting.securedMockMvc(
            new SimulationController(decisioning, null, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC)),
            new SimulationController.RequestCheck(decisioning),
            new DecisionsController(Mockito.mock(DecisionRecords.class)),
            new RulesController(new RuleReloader(decisioning, java.nio.file.Path.of("rules"), Duration.ofDays(1), false)));

    @Test
    void theSimulationNeedsACaller() throws Exception {
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> post("/api/decisions/simulate")
                .contentType(MediaType.APPLICATION_JSON).content("{}"));
        Mockito.verifyNoInteractions(decisioning);

        // the console's caller gets through to the request's own checks
        mvc.perform(post("/api/decisions/simulate").with(caller("console")).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors").isArray());
    }

    @Test
    void decisionsAndRulesAreReadByACallerOnly() throws Exception {
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> get("/api/decisions").param("customerId", "C1"));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> get("/api/decisions/d-1"));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> get("/api/rules"));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> get("/api/rules/version"));

        mvc.perform(get("/api/decisions/d-1").with(caller("console"))).andExpect(status().isNotFound());
    }
}
