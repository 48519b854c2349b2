package io.beacon.console;

import static io.beacon.platform.ServiceApiTesting.caller;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.platform.ServiceApiTesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The console keeps the platform's chain for {@code /internal/**} only (its part of an erasure, which consent calls
 * with its account); its pages and {@code /api} are for people and get a login of their own.
 */
class ConsoleServiceApiTest {

    private final MemoryMongo mongo = new MemoryMongo();
    private final MockMvc mvc = ServiceApiTesting.securedMockMvc(new DashboardController(new OutcomeStore(mongo.database())),
            ServiceApiTesting.erasureEndpoint(mongo.database(), "console"));

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void itsPartOfAnErasureNeedsACaller() throws Exception {
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> post("/internal/customers/C-1/erasure"));

        mvc.perform(post("/internal/customers/C-1/erasure").with(caller("consent")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.service").value("console"));
    }

    @Test
    void itsPagesAreLeftToTheConsolesOwnLogin() throws Exception {
        mvc.perform(get("/api/outcomes")).andExpect(status().isOk());
    }
}
