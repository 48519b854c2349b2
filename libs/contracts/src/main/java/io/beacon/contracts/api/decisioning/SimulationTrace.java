package io.beacon.contracts.api.decisioning;

import io.beacon.contracts.ReasonCode;
import java.time.LocalDate;
import java.util.List;

/**
 * A simulated decision, step by step, on one rules version.
 *
 * @param rulesVersion     the rules version that decided
 * @param catalogueVersion the catalogue version it decided with
 * @param today            the day it decided for
 * @param eventType        the event's type
 * @param triggers         what the trigger rules raised
 * @param suitability      each product judged: the triggered ones, or the one requested
 * @param unknownProducts  products named that the catalogue does not have
 * @param decision         the whole decision as a live one would record it (with no offer history: none is read)
 */
public record SimulationTrace(String rulesVersion, String catalogueVersion, LocalDate today, String eventType, TriggerStep triggers,
                              List<SuitabilityStep> suitability, List<String> unknownProducts, SimulatedDecision decision) {

    /**
     * The trigger step.
     *
     * @param triggers   the triggers raised
     * @param rulesFired the trigger rules that fired
     */
    public record TriggerStep(List<Trigger> triggers, List<String> rulesFired) {
    }

    /**
     * One product judged for eligibility and suitability.
     *
     * @param productCode  the product
     * @param source       {@code triggered} by a rule, or {@code requested} in the simulation
     * @param suitable     whether it passed every check
     * @param reasonCodes  why not, each once; empty when suitable
     * @param suppressions each check that failed, with its rule
     * @param rulesFired   the rules that fired
     */
    public record SuitabilityStep(String productCode, String source, boolean suitable, List<ReasonCode> reasonCodes,
                                  List<Suppression> suppressions, List<String> rulesFired) {
    }
}
