package io.beacon.journeys;

import static io.beacon.platform.ServiceApiTesting.caller;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.platform.ServiceApiTesting;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.test.web.servlet.MockMvc;

/** Journeys' API through its filter chain: what is deployed is told to a caller only. */
class JourneysApiAuthenticationTest {

    private final JourneyDeployment deployment = Mockito.mock(JourneyDeployment.class);
    private final EngineRecovery engine = Mockito.mock(EngineRecovery.class);
    private final MockMvc mvc = ServiceApiTesting.securedMockMvc(new JourneysController(deployment, new RunningInstances(null, false), engine));

    @Test
    void theDeployedJourneysNeedACaller() throws Exception {
        Mockito.when(deployment.state()).thenReturn(new JourneyDeployment.State("workflows", java.util.List.of(), null, null, true));
        Mockito.when(engine.state()).thenReturn(new EngineRecovery.State(1, EngineRecovery.Health.CURRENT, null, null, null));
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> get("/api/journeys"));
        Mockito.verifyNoInteractions(deployment);

        mvc.perform(get("/api/journeys").with(caller("console"))).andExpect(status().isOk());
        Mockito.verify(deployment).state();
    }
}
