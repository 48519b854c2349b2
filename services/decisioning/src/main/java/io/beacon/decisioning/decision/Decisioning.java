package io.beacon.decisioning.decision;

import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.ReasonCode;
import io.beacon.decisioning.rules.Candidate;
import io.beacon.decisioning.rules.CoolingOffPeriod;
import io.beacon.decisioning.rules.CustomerFact;
import io.beacon.decisioning.rules.Decisions;
import io.beacon.decisioning.rules.EventFact;
import io.beacon.decisioning.rules.Product;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.decisioning.rules.Today;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;

/**
 * Runs the rules: which triggers an event raises, whether each proposed offer is eligible and suitable and allowed by
 * the customer's offer history, and which one wins arbitration. No I/O. The rule base can be swapped at any moment by
 * a reload; each evaluation reads it once, so one evaluation never mixes two versions.
 */
public class Decisioning {

    private final AtomicReference<RuleBase> rules;

    public Decisioning(RuleBase rules) {
        this.rules = new AtomicReference<>(Objects.requireNonNull(rules));
    }

    /** @param suitabilityChecks of a suitability evaluation: the rules of the product's regime, fired or not (ADR 0037) */
    public record Evaluation(Decisions decisions, String rulesVersion, List<String> suitabilityChecks) {
        Evaluation(Decisions decisions, String rulesVersion) {
            this(decisions, rulesVersion, List.of());
        }
    }

    public Evaluation triggers(ProfiledEvent event, LocalDate today) {
        return triggers(rules.get(), event, today);
    }

    public Evaluation suitability(ProfileSnapshot profile, Product product, LocalDate today) {
        return suitability(rules.get(), profile, product, today, OfferHistory.none());
    }

    public OfferDecision decide(ProfiledEvent event, LocalDate today, OfferHistory history) {
        return decide(rules.get(), event, today, history);
    }

    /** On a given version: for a caller that must see several evaluations of the same one (simulation). */
    public static Evaluation triggers(RuleBase base, ProfiledEvent event, LocalDate today) {
        var decisions = new Decisions();
        boolean noProfiling = event.profile().noProfiling();
        var session = base.newSession(RuleBase.Step.TRIGGERS);
        try {
            session.setGlobal("decisions", decisions);
            var eventFact = new EventFact(event.eventType(), event.data());
            session.insert(eventFact);
            session.insert(new Today(today));
            CustomerFact customer = null;
            if (!noProfiling) {
                // A customer who refused profiling is chosen for without their profile: rules reading it cannot match.
                customer = new CustomerFact(event.profile(), today);
                session.insert(customer);
            }
            fire(session, noProfiling ? base.withoutPersonalisedRules() : null);
            // The targeting tables (DMN) beside the trigger rules; without a customer only the generic tables run.
            base.targeting().evaluate(eventFact, customer, today, decisions);
        } finally {
            session.dispose();
        }
        return new Evaluation(decisions, base.version());
    }

    /** Eligibility and suitability, and (from the history) cooling-off and a journey already running. */
    public static Evaluation suitability(RuleBase base, ProfileSnapshot profile, Product product, LocalDate today, OfferHistory history) {
        var decisions = new Decisions();
        var session = base.newSession(RuleBase.Step.SUITABILITY);
        try {
            session.setGlobal("decisions", decisions);
            insertChecks(session, new CustomerFact(profile, today), product, today, history);
            fire(session, base.onlyStep(RuleBase.Step.SUITABILITY)); // with the contact-policy rules
        } finally {
            session.dispose();
        }
        return new Evaluation(decisions, base.version(), base.suitabilityChecks(product.getSuitabilityRegime()));
    }

    /** Arbitration factors for the candidates of one event. */
    public static Evaluation arbitration(RuleBase base, ProfiledEvent event, LocalDate today, List<Candidate> candidates) {
        var decisions = new Decisions();
        boolean noProfiling = event.profile().noProfiling();
        var session = base.newSession(RuleBase.Step.ARBITRATION);
        try {
            session.setGlobal("decisions", decisions);
            session.insert(new EventFact(event.eventType(), event.data()));
            session.insert(new Today(today));
            if (!noProfiling) {
                session.insert(new CustomerFact(event.profile(), today));
            }
            candidates.forEach(session::insert);
            var arbitrationOnly = base.onlyStep(RuleBase.Step.ARBITRATION);
            var generic = base.withoutPersonalisedRules();
            fire(session, noProfiling ? match -> arbitrationOnly.accept(match) && generic.accept(match) : arbitrationOnly);
        } finally {
            session.dispose();
        }
        return new Evaluation(decisions, base.version());
    }

    /**
     * Checks and arbitration of one proposed offer in one session run ({@link RuleBase#decidesInOneRun()}): the checks'
     * facts, then the event and the offer as a candidate. What arbitration concludes counts only if no check suppressed
     * the offer; then the candidate was exactly the offers left, as when arbitration runs on its own. For a customer who
     * refused profiling their profile is there for the checks, and every rule of arbitration that could read it is a
     * personalised one, which does not fire.
     */
    static Decisions checkAndArbitrate(RuleBase base, ProfiledEvent event, Product product, Candidate candidate, LocalDate today,
                                       OfferHistory history) {
        var decisions = new Decisions();
        var session = base.newSession(RuleBase.Step.SUITABILITY);
        try {
            session.setGlobal("decisions", decisions);
            insertChecks(session, new CustomerFact(event.profile(), today), product, today, history);
            session.insert(new EventFact(event.eventType(), event.data()));
            session.insert(candidate);
            fire(session, event.profile().noProfiling() ? base.withoutPersonalisedRules() : null);
        } finally {
            session.dispose();
        }
        return decisions;
    }

    private static void insertChecks(KieSession session, CustomerFact customer, Product product, LocalDate today, OfferHistory history) {
        session.insert(customer);
        session.insert(product);
        session.insert(new Today(today));
        session.insert(new CoolingOffPeriod(history.coolingOffDays()));
        history.rejections().forEach(session::insert);
        history.running().forEach(session::insert);
    }

    /**
     * The whole decision for one event: triggers, then eligibility, suitability and offer history per proposed offer,
     * then arbitration of the survivors (score = propensity x expected value x context weight, highest first; ties
     * broken by product code, then trigger name, so the same input always picks the same winner).
     */
    public static OfferDecision decide(RuleBase base, ProfiledEvent event, LocalDate today, OfferHistory history) {
        return decide(base, event, today, history, triggers(base, event, today).decisions());
    }

    /** The whole decision when the trigger rules already ran on this version (the trigger stage's first look). */
    public static OfferDecision decide(RuleBase base, ProfiledEvent event, LocalDate today, OfferHistory history, Decisions triggered) {
        return decide(base, event, today, history, triggered, base.decidesInOneRun());
    }

    /** @param oneRun whether a single proposed offer is checked and arbitrated in one session run (same conclusions) */
    static OfferDecision decide(RuleBase base, ProfiledEvent event, LocalDate today, OfferHistory history, Decisions triggered, boolean oneRun) {
        boolean noProfiling = event.profile().noProfiling();
        String personalisation = noProfiling ? OfferDecision.NON_PERSONALISED : OfferDecision.PERSONALISED;
        List<String> notApplied = noProfiling ? List.copyOf(base.personalisedRules()) : List.of();
        var triggers = triggered.triggers();

        // two rules raising the same trigger for the same product: one offer
        Map<String, Decisions.Trigger> proposed = new LinkedHashMap<>();
        for (var trigger : triggers) {
            proposed.putIfAbsent(trigger.name() + "/" + trigger.productCode(), trigger);
        }
        Map<String, OfferDecision.Offer> offers = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        List<Decisions.Factor> factors = null; // from the one run, when checks and arbitration shared it
        for (var entry : proposed.entrySet()) {
            var trigger = entry.getValue();
            // The load refuses a rule naming a product the catalogue lacks; a product named by the event (a campaign's offer)
            // is checked here: an offer this catalogue lacks is suppressed with its reason, never an exception to retry.
            var known = base.product(trigger.productCode());
            if (known.isEmpty()) {
                offers.put(entry.getKey(), new OfferDecision.Offer(trigger.name(), trigger.productCode(), trigger.rule(),
                        OfferDecision.Result.SUPPRESSED, List.of(ReasonCode.UNKNOWN_OFFER), List.of(), List.of(), null,
                        "offer " + trigger.productCode() + " is not in catalogue version " + base.catalogueVersion()));
                continue;
            }
            Product product = known.get();
            var candidate = new Candidate(trigger.name(), product);
            List<Decisions.Suppression> suppressions;
            List<String> rulesFired;
            if (oneRun && proposed.size() == 1) {
                var both = checkAndArbitrate(base, event, product, candidate, today, history);
                suppressions = both.suppressions();
                rulesFired = suppressions.stream().map(Decisions.Suppression::rule).toList();
                factors = both.factors();
            } else {
                var checks = suitability(base, event.profile(), product, today, history).decisions();
                suppressions = checks.suppressions();
                rulesFired = checks.rulesFired();
            }
            boolean survives = suppressions.isEmpty();
            var reasons = survives ? List.<ReasonCode>of() : suppressions.stream().map(Decisions.Suppression::reason).distinct()
                    .sorted(Comparator.comparingInt(Enum::ordinal)).toList();
            offers.put(entry.getKey(), new OfferDecision.Offer(trigger.name(), trigger.productCode(), trigger.rule(),
                    survives ? null : OfferDecision.Result.SUPPRESSED, reasons, suppressions, rulesFired, null,
                    survives ? null : "suppressed by " + String.join(", ", suppressions.stream()
                            .map(s -> s.rule() + " (" + s.reason() + ")").distinct().toList())));
            if (survives) {
                candidates.add(candidate);
            }
        }

        String winner = null;
        if (!candidates.isEmpty()) {
            var ranked = factors == null ? rank(base, event, today, candidates) : rank(candidates, factors);
            var first = ranked.get(0);
            winner = first.candidate().getKey();
            for (var r : ranked) {
                var earlier = offers.get(r.candidate().getKey());
                boolean won = r.ranking().rank() == 1;
                String why = won
                        ? (ranked.size() == 1 ? "the only offer left after the checks; " : "highest score of " + ranked.size() + "; ") + formula(r.ranking())
                        : "lost to " + winner + ": " + formula(r.ranking()) + " against " + formula(first.ranking())
                          + (r.ranking().score() == first.ranking().score() ? " (a tie, broken by product code then trigger)" : "");
                offers.put(r.candidate().getKey(), new OfferDecision.Offer(earlier.trigger(), earlier.productCode(), earlier.triggerRule(),
                        won ? OfferDecision.Result.WON : OfferDecision.Result.LOST_ARBITRATION,
                        won ? List.of() : List.of(ReasonCode.LOST_ARBITRATION), earlier.suppressions(), earlier.rulesFired(), r.ranking(), why));
            }
        }
        return new OfferDecision(base.version(), base.catalogueVersion(), today, personalisation, triggers,
                triggered.rulesFired(), List.copyOf(offers.values()), winner, notApplied);
    }

    /** A candidate with its arbitration: rank 1 wins. */
    public record Ranked(Candidate candidate, OfferDecision.Ranking ranking) {
    }

    /**
     * Arbitration: each candidate's score is propensity x expected value x context weight (factors from the arbitration
     * rules); highest first, ties broken by product code, then trigger name.
     */
    public static List<Ranked> rank(RuleBase base, ProfiledEvent event, LocalDate today, List<Candidate> candidates) {
        return rank(candidates, arbitration(base, event, today, candidates).decisions().factors());
    }

    /** The ranking of the candidates from the factors arbitration rules gave them. */
    static List<Ranked> rank(List<Candidate> candidates, List<Decisions.Factor> factors) {
        List<Ranked> unranked = new ArrayList<>();
        for (Candidate c : candidates) {
            var own = factors.stream().filter(f -> f.candidate().equals(c.getKey())).toList();
            double propensity = product(own, "propensity");
            double contextWeight = product(own, "contextWeight");
            // rounded to 6 decimals, so that equal scores are equal (0.1 x 60 and 0.15 x 40 differ in the last bit)
            double score = Math.round(propensity * c.getExpectedValue() * contextWeight * 1e6) / 1e6;
            unranked.add(new Ranked(c, new OfferDecision.Ranking(propensity, c.getExpectedValue(), contextWeight, score, 0, own)));
        }
        unranked.sort(Comparator.<Ranked>comparingDouble(r -> -r.ranking().score())
                .thenComparing(r -> r.candidate().getProductCode())
                .thenComparing(r -> r.candidate().getTrigger()));
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < unranked.size(); i++) {
            var r = unranked.get(i).ranking();
            ranked.add(new Ranked(unranked.get(i).candidate(), new OfferDecision.Ranking(r.propensity(), r.expectedValue(),
                    r.contextWeight(), r.score(), i + 1, r.factors())));
        }
        return ranked;
    }

    private static double product(List<Decisions.Factor> factors, String name) {
        double value = 1.0;
        for (var f : factors) {
            if (f.factor().equals(name)) {
                value *= f.multiplier();
            }
        }
        return value;
    }

    private static String formula(OfferDecision.Ranking r) {
        // BigDecimal, not String.format: a formatter per call costs more than the rules of a step
        return "score " + fixed(r.score(), 4) + " = propensity " + fixed(r.propensity(), 4) + " x value " + fixed(r.expectedValue(), 2)
                + " x context " + fixed(r.contextWeight(), 2);
    }

    private static String fixed(double value, int decimals) {
        return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    public RuleBase ruleBase() {
        return rules.get();
    }

    /** Puts a fully built version in service; evaluations already running finish on the one they started with. */
    public RuleBase swap(RuleBase next) {
        return rules.getAndSet(Objects.requireNonNull(next));
    }

    /** Fires the session's rules, only those the filter accepts when there is one. */
    private static void fire(KieSession session, AgendaFilter filter) {
        if (filter == null) {
            session.fireAllRules();
        } else {
            session.fireAllRules(filter);
        }
    }
}
