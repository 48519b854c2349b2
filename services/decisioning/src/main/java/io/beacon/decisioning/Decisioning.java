package io.beacon.decisioning;

import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the rules: which triggers an event raises, and whether an offer is eligible and suitable. No I/O.
 * The rule base can be swapped at any moment by a reload; each evaluation reads it once, so one evaluation
 * never mixes two versions.
 */
public class Decisioning {

    private final AtomicReference<RuleBase> rules;

    public Decisioning(RuleBase rules) {
        this.rules = new AtomicReference<>(Objects.requireNonNull(rules));
    }

    public record Evaluation(Decisions decisions, String rulesVersion) {
    }

    public Evaluation triggers(ProfiledEvent event, LocalDate today) {
        return triggers(rules.get(), event, today);
    }

    public Evaluation suitability(ProfileSnapshot profile, Product product, LocalDate today) {
        return suitability(rules.get(), profile, product, today);
    }

    /** On a given version: for a caller that must see several evaluations of the same one (simulation). */
    public static Evaluation triggers(RuleBase base, ProfiledEvent event, LocalDate today) {
        var decisions = new Decisions();
        run(base, decisions, List.of(new EventFact(event.eventType(), event.data()), new CustomerFact(event.profile(), today), new Today(today)));
        return new Evaluation(decisions, base.version());
    }

    public static Evaluation suitability(RuleBase base, ProfileSnapshot profile, Product product, LocalDate today) {
        var decisions = new Decisions();
        run(base, decisions, List.of(new CustomerFact(profile, today), product, new Today(today)));
        return new Evaluation(decisions, base.version());
    }

    public RuleBase ruleBase() {
        return rules.get();
    }

    /** Puts a fully built version in service; evaluations already running finish on the one they started with. */
    public RuleBase swap(RuleBase next) {
        return rules.getAndSet(Objects.requireNonNull(next));
    }

    private static void run(RuleBase base, Decisions decisions, List<Object> facts) {
        var session = base.newSession();
        session.setGlobal("decisions", decisions);
        session.execute(new ArrayList<>(facts));
    }
}
