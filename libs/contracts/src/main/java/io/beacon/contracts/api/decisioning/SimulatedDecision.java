package io.beacon.contracts.api.decisioning;

import io.beacon.contracts.ReasonCode;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything decided for one event, step by step, on one rules version: the triggers raised, each proposed offer's
 * checks, and the arbitration among the survivors.
 *
 * @param rulesVersion      the rules version that decided
 * @param catalogueVersion  the catalogue version it decided with
 * @param today             the day it decided for
 * @param personalisation   {@code PERSONALISED}, or {@code NON_PERSONALISED} for a customer who refused profiling
 * @param triggers          the triggers raised
 * @param triggerRulesFired the trigger rules that fired
 * @param offers            each offer proposed, and what became of it
 * @param winner            the key ({@code trigger/productCode}) of the offer that goes ahead; null when none does
 * @param rulesNotApplied   the rules left out because the customer refused profiling
 */
public record SimulatedDecision(String rulesVersion, String catalogueVersion, LocalDate today, String personalisation,
                                List<Trigger> triggers, List<String> triggerRulesFired, List<Offer> offers, String winner,
                                List<String> rulesNotApplied) {

    /**
     * One offer proposed by a trigger.
     *
     * @param trigger      the trigger that proposed it
     * @param productCode  the product
     * @param triggerRule  the rule that raised the trigger
     * @param result       {@code WON}, {@code LOST_ARBITRATION} or {@code SUPPRESSED}
     * @param reasonCodes  why it did not go ahead; empty for the winner
     * @param suppressions each check that failed, with its rule
     * @param rulesFired   the rules that fired for it
     * @param ranking      its arbitration; null when it failed a check
     * @param why          the decision in a sentence, for a person
     */
    public record Offer(String trigger, String productCode, String triggerRule, String result, List<ReasonCode> reasonCodes,
                        List<Suppression> suppressions, List<String> rulesFired, Ranking ranking, String why) {
    }
}
