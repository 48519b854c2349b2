package io.beacon.console;

import static io.beacon.console.OutcomeFixture.T0;
import static io.beacon.console.OutcomeFixture.suppressed;
import static io.beacon.console.OutcomeFixture.triggered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(DashboardController.class)
@Import(DashboardControllerTest.StoreInMemory.class)
class DashboardControllerTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class StoreInMemory {
        @Bean(destroyMethod = "close")
        MemoryMongo memoryMongo() {
            return new MemoryMongo();
        }

        @Bean
        OutcomeStore outcomeStore(MemoryMongo mongo) {
            return new OutcomeStore(mongo.database());
        }
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private MemoryMongo mongo;

    @Autowired
    private OutcomeStore store;

    @BeforeEach
    void someOutcomes() {
        mongo.database().drop();
        record(triggered("c-1", "salary-savings", T0));
        record(triggered("c-2", "salary-savings", T0.plusSeconds(10)));
        record(suppressed("c-2", "salary-savings", ReasonCode.NO_CONSENT, T0.plusSeconds(20)));
        record(OutcomeFixture.outcome(OutcomeType.SENT, "c-1", "salary-savings", null, T0.plusSeconds(60)));
        record(OutcomeFixture.outcome(OutcomeType.DELIVERED, "c-1", "salary-savings", null, T0.plusSeconds(90)));
    }

    @Test
    void servesACustomersTimelineNewestFirst() throws Exception {
        mvc.perform(get("/api/outcomes").param("customerId", "c-1").param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].type").value("DELIVERED"))
                .andExpect(jsonPath("$[0].customerId").value("c-1"))
                .andExpect(jsonPath("$[0].at").value("2026-03-02T09:01:30Z"))
                .andExpect(jsonPath("$[1].type").value("SENT"));
    }

    @Test
    void servesEveryonesLatestOutcomesWithoutACustomerId() throws Exception {
        mvc.perform(get("/api/outcomes"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(5)))
                .andExpect(jsonPath("$[0].type").value("DELIVERED"))
                .andExpect(jsonPath("$[4].type").value("TRIGGERED"));
        mvc.perform(get("/api/outcomes").param("limit", "0"))
                .andExpect(jsonPath("$", hasSize(1)));
    }

    @Test
    void servesItsOwnStylesheetAndScript() throws Exception {
        for (String asset : new String[] {"/console.css", "/console.js"}) {
            String body = mvc.perform(get(asset))
                    .andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).isNotBlank().doesNotContain("http://", "https://", "@import");
        }
    }

    private void record(OfferOutcome outcome) {
        store.record(outcome.eventId(), outcome, outcome.at());
    }
}
