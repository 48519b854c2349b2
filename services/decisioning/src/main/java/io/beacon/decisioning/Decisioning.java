package io.beacon.decisioning;

import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the rules: which triggers an event raises, and whether an offer is eligible and suitable. No I/O. */
public class Decisioning {

    private final AtomicReference<RuleBase> rules;

    public Decisioning(RuleBase rules) {
        this.rules = new AtomicReference<>(rules);
    }

    public record Evaluation(Decisions decisions, String rulesVersion) {
    }

    public Evaluation triggers(ProfiledEvent event, LocalDate today) {
        RuleBase base = rules.get();
        var decisions = new Decisions();
        run(base, decisions, List.of(new EventFact(event.eventType(), event.data()), new CustomerFact(event.profile(), today), new Today(today)));
        return new Evaluation(decisions, base.version());
    }

    public Evaluation suitability(ProfileSnapshot profile, Product product, LocalDate today) {
        RuleBase base = rules.get();
        var decisions = new Decisions();
        run(base, decisions, List.of(new CustomerFact(profile, today), product, new Today(today)));
        return new Evaluation(decisions, base.version());
    }

    public RuleBase ruleBase() {
        return rules.get();
    }

    private static void run(RuleBase base, Decisions decisions, List<Object> facts) {
        var session = base.kieBase().newStatelessKieSession();
        session.setGlobal("decisions", decisions);
        session.execute(new ArrayList<>(facts));
    }
}
