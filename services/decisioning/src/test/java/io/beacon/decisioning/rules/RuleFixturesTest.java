package io.beacon.decisioning.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.OfferHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven: every case in rules/**&#47;*.fixtures.json runs against the shipped rules and catalogue. */
class RuleFixturesTest {

    static final Path RULES = Path.of("../../rules");
    static Decisioning decisioning;

    @BeforeAll
    static void loadRules() {
        decisioning = new Decisioning(RuleBase.load(RULES));
    }

    static Stream<Arguments> suitabilityCases() throws IOException {
        return casesIn("suitability");
    }

    /** Contact-policy rules judge one product like suitability does, with the customer's offer history. */
    static Stream<Arguments> contactPolicyCases() throws IOException {
        return casesIn("contact-policy");
    }

    static Stream<Arguments> arbitrationCases() throws IOException {
        return casesIn("arbitration");
    }

    static Stream<Arguments> triggerCases() throws IOException {
        return casesIn("triggers");
    }

    /** Every *.fixtures.json of a rules folder: a new rule file brings its fixtures, no test code. */
    private static Stream<Arguments> casesIn(String folder) throws IOException {
        List<Arguments> all = new ArrayList<>();
        try (var files = java.nio.file.Files.list(RULES.resolve(folder))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".fixtures.json")).sorted().toList()) {
                cases(folder + "/" + file.getFileName()).forEach(all::add);
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"suitabilityCases", "contactPolicyCases"})
    void suitability(JsonNode testCase, LocalDate today) {
        ProfileSnapshot profile = profile(testCase.get("profile"));
        Product product = decisioning.ruleBase().product(testCase.get("product").asText()).orElseThrow();

        var evaluation = Decisioning.suitability(decisioning.ruleBase(), profile, product, today, history(testCase));

        assertThat(evaluation.decisions().suppressions().stream().map(s -> s.reason().name()).distinct())
                .containsExactlyInAnyOrderElementsOf(strings(testCase.get("expect")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("triggerCases")
    void triggers(JsonNode testCase, LocalDate today) {
        JsonNode event = testCase.get("event");
        var profiled = new ProfiledEvent("e1", "/test", event.get("type").asText(), event.get("data"), profile(testCase.get("profile")));

        var evaluation = decisioning.triggers(profiled, today);

        assertThat(evaluation.decisions().triggers()).extracting(Decisions.Trigger::name)
                .containsExactlyInAnyOrderElementsOf(strings(testCase.get("expect")));
        if (testCase.has("rules")) {
            // the rule or table row that raised each trigger, e.g. "triggers/spending.dmn#LargeDepositTargeting row 3"
            assertThat(evaluation.decisions().triggers()).extracting(Decisions.Trigger::rule)
                    .containsExactlyInAnyOrderElementsOf(strings(testCase.get("rules")));
        }
        assertThat(evaluation.rulesVersion()).hasSize(12);
    }

    /** Every row of every targeting table (DMN) is what fired in at least one trigger fixture: no row goes untested. */
    @org.junit.jupiter.api.Test
    void everyRowOfEveryTargetingTableHasAFixture() throws IOException {
        var fired = new java.util.HashSet<String>();
        triggerCases().forEach(arguments -> {
            JsonNode testCase = (JsonNode) ((Named<?>) arguments.get()[0]).getPayload();
            testCase.path("rules").forEach(r -> fired.add(r.asText()));
        });
        var tables = decisioning.ruleBase().targeting().tables();
        assertThat(tables).extracting(TargetingTables.Table::key).contains("triggers/spending.dmn#LargeDepositTargeting",
                "triggers/spending.dmn#SpendAbroadTargeting", "triggers/maturity-and-credit.dmn#TermDepositMaturingTargeting",
                "triggers/maturity-and-credit.dmn#LoanRepaidTargeting", "triggers/lifecycle.dmn#OnboardedTargeting");
        for (var table : tables) {
            for (int row = 1; row <= table.rowIds().size(); row++) {
                assertThat(fired).as("a fixture in which " + table.key() + " row " + row + " fires").contains(table.key() + " row " + row);
            }
        }
    }

    /**
     * A customer without an investment risk profile is judged for every product of the catalogue (ADR 0037): the
     * suitability fixtures hold, per product, a case whose profile has no {@code riskProfile} and no flags, so a new
     * offer cannot go live without saying what such a customer gets.
     */
    @org.junit.jupiter.api.Test
    void everyProductOfTheCatalogueHasACaseForACustomerWithoutARiskProfile() throws IOException {
        var covered = new java.util.HashSet<String>();
        suitabilityCases().forEach(arguments -> {
            JsonNode testCase = (JsonNode) ((Named<?>) arguments.get()[0]).getPayload();
            JsonNode profile = testCase.get("profile");
            if (!profile.has("riskProfile") && !profile.has("flags") && !profile.has("holdings")) {
                covered.add(testCase.get("product").asText());
            }
        });
        assertThat(covered).containsAll(decisioning.ruleBase().catalogue().keySet());
    }

    /** The checks each regime applies, as the evidence records them: the risk and knowledge tests belong to investments alone. */
    @org.junit.jupiter.api.Test
    void investmentTestsApplyToInvestmentsOnlyAndEachRegimeHasItsOwnChecks() {
        var base = decisioning.ruleBase();
        var eligibility = List.of("CustomerAlreadyHoldingTheProductIsNotOfferedIt", "ProductIsOfferedOnlyInItsJurisdictions",
                "CustomerOutsideTheProductAgeLimitsIsNotEligible", "DeceasedCustomersAreNeverMarketed");
        assertThat(base.suitabilityChecks("deposit")).containsExactlyInAnyOrderElementsOf(eligibility);
        assertThat(base.suitabilityChecks("investment")).containsAll(eligibility).contains("InvestmentRequiresCurrentRiskProfile",
                "InvestmentRiskAboveCustomerToleranceIsUnsuitable", "ComplexProductRequiresInformedOrAdvancedKnowledge");
        for (String regime : List.of("credit", "card", "deposit")) {
            assertThat(base.suitabilityChecks(regime)).as(regime).containsAll(eligibility).doesNotContain("InvestmentRequiresCurrentRiskProfile",
                    "InvestmentRiskAboveCustomerToleranceIsUnsuitable", "ComplexProductRequiresInformedOrAdvancedKnowledge");
        }
        assertThat(base.suitabilityChecks("credit")).contains("NoFurtherCreditForCustomersInArrears", "CreditRequiresARegularIncomeOnRecord",
                "NoCreditForVulnerableCustomersOrMinors");
        assertThat(base.suitabilityChecks("card")).contains("NoCardOffersForCustomersInArrears", "NoCardOffersForMinors");
    }

    /**
     * Arbitration: the given candidates (offers that survived every check) ranked on the shipped rules; {@code expect}
     * holds the keys ({@code trigger/productCode}) in rank order and, optionally, each one's score.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("arbitrationCases")
    void arbitration(JsonNode testCase, LocalDate today) {
        JsonNode event = testCase.has("event") ? testCase.get("event")
                : Json.mapper().createObjectNode().put("type", "bank.transaction.posted").set("data", Json.mapper().createObjectNode());
        var profiled = new ProfiledEvent("e1", "/test", event.get("type").asText(), event.get("data"), profile(testCase.get("profile")));
        List<Candidate> candidates = new ArrayList<>();
        testCase.get("candidates").forEach(c -> candidates.add(new Candidate(c.get("trigger").asText(),
                decisioning.ruleBase().product(c.get("product").asText()).orElseThrow())));

        var ranked = Decisioning.rank(decisioning.ruleBase(), profiled, today, candidates);

        assertThat(ranked).extracting(r -> r.candidate().getKey()).containsExactlyElementsOf(strings(testCase.get("expect").get("ranking")));
        testCase.get("expect").path("scores").properties().forEach(score -> assertThat(ranked)
                .filteredOn(r -> r.candidate().getKey().equals(score.getKey())).singleElement()
                .satisfies(r -> assertThat(r.ranking().score()).as("score of " + score.getKey())
                        .isCloseTo(score.getValue().asDouble(), org.assertj.core.data.Offset.offset(1e-6))));
        if (testCase.get("expect").has("rulesNotFired")) {
            var fired = ranked.stream().flatMap(r -> r.ranking().factors().stream()).map(Decisions.Factor::rule).toList();
            assertThat(fired).doesNotContainAnyElementsOf(strings(testCase.get("expect").get("rulesNotFired")));
        }
    }

    /**
     * Optional offer history of a case: {@code rejections} [{productCode, on, cause}] (cause RM_REJECTED unless given:
     * CUSTOMER_DECLINED for the customer's own decline), {@code running} [productCode], {@code coolingOffDays}.
     */
    private static OfferHistory history(JsonNode testCase) {
        List<PastRejection> rejections = new ArrayList<>();
        testCase.path("rejections").forEach(r -> rejections.add(new PastRejection(r.get("productCode").asText(),
                LocalDate.parse(r.get("on").asText()), r.path("cause").asText(PastRejection.RM_REJECTED))));
        List<RunningJourney> running = new ArrayList<>();
        testCase.path("running").forEach(r -> running.add(new RunningJourney(r.asText(), "d0")));
        return new OfferHistory(rejections, running, testCase.path("coolingOffDays").asInt(OfferHistory.DEFAULT_COOLING_OFF_DAYS));
    }

    private static Stream<Arguments> cases(String file) throws IOException {
        JsonNode fixtures = Json.mapper().readTree(RULES.resolve(file).toFile());
        LocalDate today = LocalDate.parse(fixtures.get("today").asText());
        List<Arguments> arguments = new ArrayList<>();
        fixtures.get("cases").forEach(c -> arguments.add(Arguments.of(Named.of(file + ": " + c.get("name").asText(), c), today)));
        return arguments.stream();
    }

    private static ProfileSnapshot profile(JsonNode given) {
        ObjectNode p = Json.mapper().createObjectNode().put("customerId", "C1");
        p.setAll((ObjectNode) given);
        try {
            return Json.mapper().treeToValue(p, ProfileSnapshot.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
