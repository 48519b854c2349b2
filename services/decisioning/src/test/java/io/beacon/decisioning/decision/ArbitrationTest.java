package io.beacon.decisioning.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.Json;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.ReasonCode;
import io.beacon.decisioning.kafka.DecisionPipelineTest;
import io.beacon.decisioning.rules.RuleBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arbitration inside a whole decision: the shipped rules plus one more trigger rule (so that one event proposes two
 * offers), and what the load refuses about decision steps and decision tables.
 */
class ArbitrationTest {

    static final Path RULES = Path.of("../../rules");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    /** A second offer for a large deposit: the conservative alternative to the fund. */
    static final String EXTRA_TRIGGER = """
            package io.beacon.rules.triggers
            import io.beacon.decisioning.rules.EventFact
            global io.beacon.decisioning.rules.Decisions decisions
            rule "LargeDepositAlsoProposesATermDeposit"
            when
                EventFact( type == "bank.transaction.posted", direction == "CREDIT", category == "TRANSFER", amount >= 10000 )
            then
                decisions.trigger("LargeDeposit", "TERM_DEPOSIT_12M", drools.getRule().getName());
            end
            """;

    @Test
    void theHigherScoreWinsAndTheLoserSaysWhy(@TempDir Path rules) throws Exception {
        var base = shippedPlus(rules, "triggers/extra.drl", EXTRA_TRIGGER);
        var decision = Decisioning.decide(base, deposit("{\"birthDate\":\"1980-01-01\",\"country\":\"GB\",\"segment\":\"MASS\","
                + "\"riskProfile\":{\"tolerance\":5,\"knowledgeLevel\":\"ADVANCED\",\"assessedAt\":\"2026-06-01\"}}"), TODAY, OfferHistory.none());

        assertThat(decision.winner()).isEqualTo("LargeDeposit/GLOBAL_EQUITY_FUND");
        var loser = decision.offers().stream().filter(o -> o.productCode().equals("TERM_DEPOSIT_12M")).findFirst().orElseThrow();
        assertThat(loser.result()).isEqualTo(OfferDecision.Result.LOST_ARBITRATION);
        assertThat(loser.reason()).isEqualTo(ReasonCode.LOST_ARBITRATION);
        assertThat(loser.ranking().rank()).isEqualTo(2);
        assertThat(loser.why()).contains("lost to LargeDeposit/GLOBAL_EQUITY_FUND").contains("score 14.4000").contains("score 45.0000");
        assertThat(decision.winningOffer().orElseThrow().why()).startsWith("highest score of 2");
    }

    @Test
    void anOfferSuppressedByTheChecksNeverEntersArbitration_theOtherWins(@TempDir Path rules) throws Exception {
        var base = shippedPlus(rules, "triggers/extra.drl", EXTRA_TRIGGER);
        // no risk profile: the fund is unsuitable, so the term deposit is the only offer left
        var decision = Decisioning.decide(base, deposit("{\"birthDate\":\"1980-01-01\",\"country\":\"GB\"}"), TODAY, OfferHistory.none());

        assertThat(decision.winner()).isEqualTo("LargeDeposit/TERM_DEPOSIT_12M");
        var fund = decision.offers().stream().filter(o -> o.productCode().equals("GLOBAL_EQUITY_FUND")).findFirst().orElseThrow();
        assertThat(fund.result()).isEqualTo(OfferDecision.Result.SUPPRESSED);
        assertThat(fund.ranking()).isNull();
        assertThat(fund.reasonCodes()).containsExactly(ReasonCode.UNSUITABLE_RISK, ReasonCode.RISK_PROFILE_STALE, ReasonCode.INSUFFICIENT_KNOWLEDGE);
        assertThat(fund.reason()).as("the one code on beacon.offers: the first in the closed set's order").isEqualTo(ReasonCode.UNSUITABLE_RISK);
    }

    @Test
    void theContextWeightsTableIsLoadedAsRulesOfTheArbitrationStep() {
        var base = RuleBase.load(RULES);
        var names = base.kieBase(RuleBase.Step.ARBITRATION).getKiePackage("io.beacon.rules.arbitration").getRules().stream().map(r -> r.getName()).toList();
        assertThat(names).contains("SalaryMomentSuitsASavingsHabit", "LargeDepositMomentSuitsInvesting", "EveryOfferStartsAtTheBasePropensity");
        assertThat(base.personalisedRules()).as("rows of the table read no profile")
                .noneMatch(r -> r.endsWith("/SalaryMomentSuitsASavingsHabit"))
                .contains("triggers/spending.dmn#LargeDepositTargeting", "triggers/spending.dmn#SpendAbroadTargeting")
                .doesNotContain("triggers/maturity-and-credit.dmn#TermDepositMaturingTargeting",
                        "io.beacon.rules.arbitration/EveryOfferStartsAtTheBasePropensity");
    }

    @Test
    void aRuleOutsideTheDecisionStepsIsRefusedNamingItsFile(@TempDir Path rules) throws Exception {
        assertThatThrownBy(() -> shippedPlus(rules, "triggers/misplaced.drl", EXTRA_TRIGGER.replace("package io.beacon.rules.triggers", "package io.beacon.rules.misc")))
                .isInstanceOf(RuleBase.RulesRejectedException.class)
                .hasMessageContaining("triggers/misplaced.drl")
                .hasMessageContaining("rule 'LargeDepositAlsoProposesATermDeposit' is in package io.beacon.rules.misc, which is no decision step");
    }

    @Test
    void aDecisionTableNotNamedDrlCsvIsRefusedRatherThanIgnored(@TempDir Path rules) throws Exception {
        copyShipped(rules);
        Files.move(rules.resolve("arbitration/context-weights.drl.csv"), rules.resolve("arbitration/context-weights.csv"));
        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOf(RuleBase.RulesRejectedException.class)
                .hasMessageContaining("arbitration/context-weights.csv:0: a CSV decision table must be named *.drl.csv");
    }

    @Test
    void aBrokenDecisionTableRowIsRefusedWithItsFile(@TempDir Path rules) throws Exception {
        copyShipped(rules);
        Path table = rules.resolve("arbitration/context-weights.drl.csv");
        Files.writeString(table, Files.readString(table).replace("SpendAbroad,FX_TRAVEL_CARD,2.0", "SpendAbroad,FX_TRAVEL_CARD,two"));
        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOf(RuleBase.RulesRejectedException.class)
                .hasMessageContaining("arbitration/context-weights.drl.csv");
    }

    @Test
    void aDecisionTableBrokenAfterALoadIsJudgedAsItIsNow(@TempDir Path rules) throws Exception {
        copyShipped(rules);
        RuleBase.load(rules);
        // Drools caches the DRL it generates from a table by file name: the second load must not reuse the first.
        Path table = rules.resolve("arbitration/context-weights.drl.csv");
        Files.writeString(table, Files.readString(table).replace("SpendAbroad,FX_TRAVEL_CARD,2.0", "SpendAbroad,FX_TRAVEL_CARD,two"));
        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOf(RuleBase.RulesRejectedException.class)
                .hasMessageContaining("arbitration/context-weights.drl.csv");
    }

    private static ProfiledEvent deposit(String profile) throws Exception {
        return new ProfiledEvent("e1", "/core-banking", "bank.transaction.posted",
                Json.mapper().readTree("{\"amount\":20000,\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"TRANSFER\"}"),
                DecisionPipelineTest.profile("C1", profile));
    }

    private static RuleBase shippedPlus(Path rules, String file, String drl) throws IOException {
        copyShipped(rules);
        Files.writeString(rules.resolve(file), drl);
        return RuleBase.load(rules);
    }

    static void copyShipped(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(RULES)) {
            for (Path source : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(RULES.relativize(source).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
