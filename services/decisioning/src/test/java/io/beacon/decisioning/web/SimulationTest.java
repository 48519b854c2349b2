package io.beacon.decisioning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.Simulation;
import io.beacon.decisioning.rules.Decisions;
import io.beacon.decisioning.rules.RuleBase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

class SimulationTest {

    static RuleBase rules;
    static MockMvc mvc;

    static final String SALARY = """
            {"type": "bank.transaction.posted", "data": {"amount": 3000, "currency": "GBP", "direction": "CREDIT", "category": "SALARY"}}""";

    @BeforeAll
    static void setUp() {
        rules = RuleBase.load(Path.of("../../rules"));
        var clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        var decisioning = new Decisioning(rules);
        mvc = io.beacon.platform.ServiceApiTesting.securedMockMvcAs("console", new SimulationController(decisioning, null, clock),
                new SimulationController.RequestCheck(decisioning));
    }

    @Test
    void salaryCreditTraceShowsTheTriggerAndTheSuitabilityOfItsProduct() throws Exception {
        var profile = Json.mapper().readValue("""
                {"customerId": "C1", "birthDate": "1985-05-05", "country": "GB", "salary": {"amount": 3000, "currency": "GBP"}}""",
                ProfileSnapshot.class);

        var trace = Simulation.run(rules, new Simulation.Request(profile, "bank.transaction.posted",
                Json.mapper().readTree(SALARY).get("data"), null, LocalDate.parse("2026-11-22")));

        assertThat(trace.rulesVersion()).isEqualTo(rules.version());
        assertThat(trace.triggers().triggers()).extracting(Decisions.Trigger::name, Decisions.Trigger::productCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SalaryCredited", "EASY_SAVER"));
        assertThat(trace.triggers().rulesFired()).containsExactly("FirstOrChangedSalaryTriggersSalaryCredited");
        assertThat(trace.suitability()).singleElement().satisfies(s -> {
            assertThat(s.productCode()).isEqualTo("EASY_SAVER");
            assertThat(s.suitable()).isTrue();
            assertThat(s.reasonCodes()).isEmpty();
        });
    }

    @Test
    void requestedProductIsJudgedWithReasonCodesAndRulesFired() throws Exception {
        mvc.perform(post("/api/decisions/simulate").contentType(MediaType.APPLICATION_JSON).content("""
                        {"profile": {"customerId": "C2", "birthDate": "1985-05-05", "country": "US", "holdings": ["EASY_SAVER"]},
                         "event": %s, "productCode": "EASY_SAVER"}""".formatted(SALARY)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rulesVersion").value(rules.version()))
                .andExpect(jsonPath("$.today").value("2026-11-22"))
                .andExpect(jsonPath("$.triggers.triggers").isEmpty())
                .andExpect(jsonPath("$.suitability[0].productCode").value("EASY_SAVER"))
                .andExpect(jsonPath("$.suitability[0].source").value("requested"))
                .andExpect(jsonPath("$.suitability[0].suitable").value(false))
                .andExpect(jsonPath("$.suitability[0].reasonCodes", hasItem("ALREADY_HOLDS")))
                .andExpect(jsonPath("$.suitability[0].reasonCodes", hasItem("NOT_ELIGIBLE_RESIDENCY")))
                .andExpect(jsonPath("$.suitability[0].rulesFired", hasItem("CustomerAlreadyHoldingTheProductIsNotOfferedIt")));
    }

    @Test
    void missingEventTypeIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(post("/api/decisions/simulate").contentType(MediaType.APPLICATION_JSON).content("""
                        {"profile": {"customerId": "C1"}, "event": {"data": {}}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", contains("/event/type")));
    }

    @Test
    void missingProfileUnknownProductAndBadDateAreAllNamed() throws Exception {
        mvc.perform(post("/api/decisions/simulate").contentType(MediaType.APPLICATION_JSON).content("""
                        {"event": %s, "productCode": "NOPE", "today": "tomorrow"}""".formatted(SALARY)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("/profile", "/productCode", "/today")));
    }

    @Test
    void wronglyTypedProfileFieldIsNamedByItsPointer() throws Exception {
        mvc.perform(post("/api/decisions/simulate").contentType(MediaType.APPLICATION_JSON).content("""
                        {"profile": {"customerId": "C1", "birthDate": "not a date"}, "event": %s}""".formatted(SALARY)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/profile/birthDate"));
    }
}
