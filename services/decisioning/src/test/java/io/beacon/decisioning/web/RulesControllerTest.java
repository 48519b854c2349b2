package io.beacon.decisioning.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.decisioning.rules.RuleLoadValidationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesControllerTest {

    @Test
    void showsTheServingVersionAndTheLastRefusedChangeWithItsProblems(@TempDir Path rules) throws Exception {
        RuleLoadValidationTest.copyShipped(rules);
        var decisioning = new Decisioning(RuleBase.load(rules));
        String version = decisioning.ruleBase().version();
        var reloader = new RuleReloader(decisioning, rules, Duration.ofDays(1), true);
        reloader.start();
        try {
            Path catalogue = rules.resolve(RuleBase.CATALOGUE);
            Files.writeString(catalogue, Files.readString(catalogue).replace("\"riskRating\": 4", "\"riskRating\": 9"));
            reloader.poll();
            reloader.poll();

            io.beacon.platform.ServiceApiTesting.securedMockMvcAs("console", new RulesController(reloader))
                    .perform(get("/api/rules"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.version").value(version))
                    .andExpect(jsonPath("$.catalogueVersion").value(decisioning.ruleBase().catalogueVersion()))
                    .andExpect(jsonPath("$.loadedAt").isString())
                    .andExpect(jsonPath("$.watching").value(true))
                    .andExpect(jsonPath("$.lastRejected.problems[0].file").value("catalogue/offers.json"))
                    .andExpect(jsonPath("$.lastRejected.problems[0].pointer").value("/offers/1/riskRating"))
                    .andExpect(jsonPath("$.lastRejected.problems[0].line").isNumber())
                    .andDo(result -> System.out.println("GET /api/rules -> " + result.getResponse().getContentAsString()));
        } finally {
            reloader.stop();
        }
    }
}
