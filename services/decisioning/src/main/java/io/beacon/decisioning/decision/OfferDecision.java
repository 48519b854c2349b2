package io.beacon.decisioning.decision;

import io.beacon.contracts.ReasonCode;
import io.beacon.decisioning.rules.Decisions;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything decided for one event, step by step, on one rules version: the triggers raised, each proposed offer's
 * eligibility, suitability and contact history, and the arbitration among the survivors. Pure data: what the decision
 * record stores and simulation returns.
 *
 * @param personalisation {@code PERSONALISED}, or {@code NON_PERSONALISED} for a customer who refused profiling
 *                        (PIPL Art. 24): chosen without their profile's personal data, the generic variant offered
 * @param winner the key ({@code trigger/productCode}) of the offer that goes ahead, null when none does
 */
public record OfferDecision(String rulesVersion, String catalogueVersion, LocalDate today, String personalisation,
                           List<Decisions.Trigger> triggers, List<String> triggerRulesFired,
                           List<Offer> offers, String winner, List<String> rulesNotApplied) {

    public static final String PERSONALISED = "PERSONALISED";
    public static final String NON_PERSONALISED = "NON_PERSONALISED";

    /** One offer proposed by a trigger, and what became of it. */
    public record Offer(String trigger, String productCode, String triggerRule, Result result, List<ReasonCode> reasonCodes,
                        List<Decisions.Suppression> suppressions, List<String> rulesFired, Ranking ranking, String why) {

        public String key() {
            return trigger + "/" + productCode;
        }

        /** The one reason code an outcome on beacon.offers carries: the first in the closed set's order. */
        public ReasonCode reason() {
            return reasonCodes.isEmpty() ? null : reasonCodes.get(0);
        }

        Offer withResult(Result newResult, List<ReasonCode> codes, String newWhy) {
            return new Offer(trigger, productCode, triggerRule, newResult, codes, suppressions, rulesFired, ranking, newWhy);
        }
    }

    public enum Result { WON, LOST_ARBITRATION, SUPPRESSED }

    /** Arbitration: score = propensity x expected value x context weight; rank 1 wins. */
    public record Ranking(double propensity, double expectedValue, double contextWeight, double score, int rank,
                          List<Decisions.Factor> factors) {
    }

    public boolean triggered() {
        return !triggers.isEmpty();
    }

    public Optional<Offer> winningOffer() {
        return offers.stream().filter(o -> o.result() == Result.WON).findFirst();
    }

    /** The decision with the winner suppressed after all (its journey claim lost a race): nothing goes ahead. */
    public OfferDecision withWinnerSuppressed(ReasonCode reason, String why) {
        var changed = offers.stream().map(o -> o.result() == Result.WON
                ? o.withResult(Result.SUPPRESSED, List.of(reason), why) : o).toList();
        return new OfferDecision(rulesVersion, catalogueVersion, today, personalisation, triggers, triggerRulesFired,
                changed, null, rulesNotApplied);
    }
}
