package io.beacon.decisioning;

import io.beacon.contracts.ReasonCode;
import java.util.ArrayList;
import java.util.List;

/** What the rules concluded in one evaluation: triggers raised, suppressions with reason codes, rules fired. */
public class Decisions {

    public record Trigger(String name, String productCode, String rule) {
    }

    public record Suppression(ReasonCode reason, String rule) {
    }

    private final List<Trigger> triggers = new ArrayList<>();
    private final List<Suppression> suppressions = new ArrayList<>();
    private final List<String> rulesFired = new ArrayList<>();

    public void trigger(String name, String productCode, String rule) {
        triggers.add(new Trigger(name, productCode, rule));
        rulesFired.add(rule);
    }

    public void suppress(ReasonCode reason, String rule) {
        suppressions.add(new Suppression(reason, rule));
        rulesFired.add(rule);
    }

    public List<Trigger> triggers() {
        return List.copyOf(triggers);
    }

    public List<Suppression> suppressions() {
        return List.copyOf(suppressions);
    }

    public List<String> rulesFired() {
        return List.copyOf(rulesFired);
    }
}
