package io.beacon.decisioning.rules;

import io.beacon.contracts.ReasonCode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rules concluded in one evaluation: triggers raised, suppressions with reason codes, arbitration factors,
 * rules fired.
 */
public class Decisions {

    public record Trigger(String name, String productCode, String rule) {
    }

    public record Suppression(ReasonCode reason, String rule) {
    }

    /**
     * A multiplier an arbitration rule gave one candidate.
     *
     * @param factor {@code propensity} or {@code contextWeight}
     */
    public record Factor(String candidate, String factor, double multiplier, String rule) {
    }

    private final List<Trigger> triggers = new ArrayList<>();
    private final List<Suppression> suppressions = new ArrayList<>();
    private final List<Factor> factors = new ArrayList<>();
    private final List<String> rulesFired = new ArrayList<>();

    public void trigger(String name, String productCode, String rule) {
        triggers.add(new Trigger(name, productCode, rule));
        rulesFired.add(rule);
    }

    public void suppress(ReasonCode reason, String rule) {
        suppressions.add(new Suppression(reason, rule));
        rulesFired.add(rule);
    }

    /** Multiplies the candidate's propensity (it starts at 1; a base-propensity rule sets the level). */
    public void propensity(Candidate candidate, double multiplier, String rule) {
        factor(candidate, "propensity", multiplier, rule);
    }

    /** Multiplies the candidate's context weight (it starts at 1). */
    public void contextWeight(Candidate candidate, double multiplier, String rule) {
        factor(candidate, "contextWeight", multiplier, rule);
    }

    private void factor(Candidate candidate, String factor, double multiplier, String rule) {
        if (!(multiplier >= 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("rule " + rule + " gave " + factor + " multiplier " + multiplier
                    + " to " + candidate.getKey() + ": it must be a finite number >= 0");
        }
        factors.add(new Factor(candidate.getKey(), factor, multiplier, rule));
        rulesFired.add(rule);
    }

    public List<Trigger> triggers() {
        return List.copyOf(triggers);
    }

    public List<Suppression> suppressions() {
        return List.copyOf(suppressions);
    }

    public List<Factor> factors() {
        return List.copyOf(factors);
    }

    public List<String> rulesFired() {
        return List.copyOf(rulesFired);
    }
}
