package io.beacon.journeys;

import static io.beacon.platform.ServiceApiTesting.caller;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.platform.ServiceApiTesting;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.test.web.servlet.MockMvc;

/** Journeys' API through its filter chain: what is deployed is told to a caller only. */
class JourneysApiAuthenticationTest {

    private final JourneyDeployment deployment = Mockito.mock(JourneyDeployment.class);
    private final EngineRecovery engine = Mockito.mock(EngineRecovery.class);
    private final MockMvc mvc = ServiceApiTesting.securedMockMvc(new JourneysController(deployment, new RunningInstances(null, false), engine,
            new JourneyRules(JourneyRules.BEACON_JOB_TYPES)));

    @Test
    void theDeployedJourneysNeedACaller() throws Exception {
        Mockito.when(deployment.state()).thenReturn(new JourneyDeployment.State("workflows", java.util.List.of(), null, null, true));
        Mockito.when(engine.state()).thenReturn(new EngineRecovery.State(1, EngineRecovery.Health.CURRENT, null, null, null));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> get("/api/journeys"));
        Mockito.verifyNoInteractions(deployment);

        mvc.perform(get("/api/journeys").with(caller("console"))).andExpect(status().isOk());
        Mockito.verify(deployment).state();
    }

    /** A proposed workflows/ folder checked as a deployment would check it, with nothing deployed (ADR 0029). */
    @Test
    void aProposedFolderIsCheckedWithoutDeploying() throws Exception {
        String salary = java.nio.file.Files.readString(java.nio.file.Path.of("../../workflows/first-salary.bpmn"));
        String body = io.beacon.contracts.Json.mapper().writeValueAsString(java.util.Map.of("files", java.util.Map.of(
                "first-salary.bpmn", salary,
                "salary-copy.bpmn", salary,
                "notes.txt", "not a journey")));
        mvc.perform(post("/api/journeys/check").with(caller("console")).contentType("application/json").content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.journeys[0].journey").value("first-salary"))
                .andExpect(jsonPath("$.journeys[0].triggers[0]").value("SalaryCredited"))
                .andExpect(jsonPath("$.journeys[0].stage").value("attract"))
                .andExpect(jsonPath("$.problems[0]").value("notes.txt: only .bpmn files directly in workflows/ are journeys"))
                .andExpect(jsonPath("$.problems[1]").value(org.hamcrest.Matchers.startsWith("salary-copy.bpmn <first-salary>: process id must equal the file name")));
        Mockito.verifyNoInteractions(deployment);
    }
}
