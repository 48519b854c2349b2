package io.beacon.decisioning.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.decisioning.rules.Decisions;
import io.beacon.decisioning.rules.PastRejection;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.decisioning.rules.RunningJourney;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single proposed offer is checked and arbitrated in one session run when the rule base allows it: the decision must
 * be exactly the one the steps taken one by one reach, for every event of the trigger fixtures, on customers who pass
 * or fail the checks, who refused profiling, or who have an offer history.
 */
class DecisionInOneRunTest {

    static final Path RULES = Path.of("../../rules");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    /** Overlaid with each fixture's own profile. */
    static final List<String> CUSTOMERS = List.of(
            "{}",
            "{\"birthDate\":\"1980-01-01\",\"country\":\"GB\",\"segment\":\"AFFLUENT\",\"holdings\":[\"CURRENT_ACCOUNT\"],"
                    + "\"riskProfile\":{\"tolerance\":5,\"knowledgeLevel\":\"ADVANCED\",\"assessedAt\":\"2026-06-01\"}}",
            "{\"birthDate\":\"1980-01-01\",\"country\":\"GB\",\"segment\":\"MASS\",\"holdings\":[\"TERM_DEPOSIT_12M\"],"
                    + "\"flags\":{\"vulnerable\":true}}",
            "{\"birthDate\":\"1980-01-01\",\"country\":\"GB\",\"segment\":\"PRIVATE\",\"noProfiling\":true,"
                    + "\"riskProfile\":{\"tolerance\":5,\"knowledgeLevel\":\"INFORMED\",\"assessedAt\":\"2026-06-01\"}}");

    @Test
    void oneRunDecidesExactlyAsTheStepsOneByOne() throws IOException {
        var base = RuleBase.load(RULES);
        assertThat(base.decidesInOneRun()).as("the shipped rules keep the steps' facts apart").isTrue();
        int compared = 0;
        int triggered = 0;
        for (ProfiledEvent event : fixtureEvents()) {
            var triggers = Decisioning.triggers(base, event, TODAY).decisions();
            if (triggers.triggers().isEmpty()) {
                continue;
            }
            triggered++;
            for (OfferHistory history : histories(triggers)) {
                var oneRun = Decisioning.decide(base, event, TODAY, history, triggers, true);
                var stepByStep = Decisioning.decide(base, event, TODAY, history, triggers, false);
                assertThat(oneRun).as(event.eventType() + " " + event.profile() + " " + history).isEqualTo(stepByStep);
                compared++;
            }
        }
        assertThat(triggered).as("events that raised a trigger").isGreaterThan(20);
        assertThat(compared).isGreaterThan(60);
    }

    @Test
    void anArbitrationRuleReadingWhatOnlyTheChecksAreGivenMakesTheStepsRunOneByOne(@TempDir Path rules) throws Exception {
        ArbitrationTest.copyShipped(rules);
        Files.writeString(rules.resolve("arbitration/products.drl"), """
                package io.beacon.rules.arbitration
                import io.beacon.decisioning.rules.Candidate
                import io.beacon.decisioning.rules.Product
                global io.beacon.decisioning.rules.Decisions decisions
                rule "ProductsInTheSessionLiftEveryCandidate"
                when
                    $c : Candidate()
                    Product()
                then
                    decisions.propensity($c, 2.0, drools.getRule().getName());
                end
                """);
        var base = RuleBase.load(rules);
        assertThat(base.decidesInOneRun()).isFalse();

        var event = new ProfiledEvent("e1", "/core-banking", "bank.transaction.posted",
                Json.mapper().readTree("{\"amount\":3300,\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"SALARY\"}"),
                profile("{\"birthDate\":\"1980-01-01\",\"country\":\"GB\",\"salary\":{\"amount\":3300,\"previousAmount\":3000,\"currency\":\"GBP\"}}"));
        var decision = Decisioning.decide(base, event, TODAY, OfferHistory.none());
        assertThat(decision.winningOffer().orElseThrow().ranking().factors()).extracting(Decisions.Factor::rule)
                .as("arbitration on its own is given no product").doesNotContain("ProductsInTheSessionLiftEveryCandidate");
    }

    private static List<OfferHistory> histories(Decisions triggers) {
        List<OfferHistory> histories = new ArrayList<>(List.of(OfferHistory.none()));
        for (var trigger : triggers.triggers()) {
            histories.add(new OfferHistory(List.of(new PastRejection(trigger.productCode(), TODAY.minusDays(10), "RM_REJECTED")), List.of(), 30));
            histories.add(new OfferHistory(List.of(new PastRejection(trigger.productCode(), TODAY.minusDays(30), "RM_REJECTED")), List.of(), 30));
            histories.add(new OfferHistory(List.of(), List.of(new RunningJourney(trigger.productCode(), "d0")), 30));
        }
        return histories;
    }

    private static List<ProfiledEvent> fixtureEvents() throws IOException {
        List<ProfiledEvent> events = new ArrayList<>();
        try (var files = Files.list(RULES.resolve("triggers"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".fixtures.json")).sorted().toList()) {
                for (JsonNode c : Json.mapper().readTree(file.toFile()).get("cases")) {
                    for (String customer : CUSTOMERS) {
                        ObjectNode merged = (ObjectNode) Json.mapper().readTree(customer);
                        merged.setAll((ObjectNode) c.get("profile"));
                        events.add(new ProfiledEvent("e1", "/test", c.get("event").get("type").asText(), c.get("event").get("data"),
                                profile(merged.toString())));
                    }
                }
            }
        }
        return events;
    }

    private static ProfileSnapshot profile(String json) throws IOException {
        ObjectNode p = (ObjectNode) Json.mapper().readTree(json);
        p.put("customerId", "C1");
        return Json.mapper().treeToValue(p, ProfileSnapshot.class);
    }
}
