package io.beacon.decisioning;

import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.ReasonCode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.drools.commands.runtime.rule.FireAllRulesCommand;
import org.kie.api.KieServices;

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

    public record Evaluation(Decisions decisions, String rulesVersion) {
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
        List<Object> facts = new ArrayList<>(List.of(new EventFact(event.eventType(), event.data()), new Today(today)));
        if (!noProfiling) {
            // A customer who refused profiling is chosen for without their profile: rules reading it cannot match.
            facts.add(new CustomerFact(event.profile(), today));
        }
        run(base, RuleBase.Step.TRIGGERS, decisions, facts, noProfiling);
        return new Evaluation(decisions, base.version());
    }

    /** Eligibility and suitability, and (from the history) cooling-off and a journey already running. */
    public static Evaluation suitability(RuleBase base, ProfileSnapshot profile, Product product, LocalDate today, OfferHistory history) {
        var decisions = new Decisions();
        List<Object> facts = new ArrayList<>(List.of(new CustomerFact(profile, today), product, new Today(today),
                new CoolingOffPeriod(history.coolingOffDays())));
        facts.addAll(history.rejections());
        facts.addAll(history.running());
        run(base, RuleBase.Step.SUITABILITY, decisions, facts, false); // with the contact-policy rules (RuleBase.evaluatedWith)
        return new Evaluation(decisions, base.version());
    }

    /** Arbitration factors for the candidates of one event. */
    public static Evaluation arbitration(RuleBase base, ProfiledEvent event, LocalDate today, List<Candidate> candidates) {
        var decisions = new Decisions();
        boolean noProfiling = event.profile().noProfiling();
        List<Object> facts = new ArrayList<>(List.of(new EventFact(event.eventType(), event.data()), new Today(today)));
        if (!noProfiling) {
            facts.add(new CustomerFact(event.profile(), today));
        }
        facts.addAll(candidates);
        run(base, RuleBase.Step.ARBITRATION, decisions, facts, noProfiling);
        return new Evaluation(decisions, base.version());
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
        boolean noProfiling = event.profile().noProfiling();
        String personalisation = noProfiling ? OfferDecision.NON_PERSONALISED : OfferDecision.PERSONALISED;
        List<String> notApplied = noProfiling ? List.copyOf(base.personalisedRules()) : List.of();

        Map<String, OfferDecision.Offer> offers = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (var trigger : triggered.triggers()) {
            String key = trigger.name() + "/" + trigger.productCode();
            if (offers.containsKey(key)) {
                continue; // two rules raising the same trigger for the same product: one offer
            }
            // The load refuses a rule naming a product the catalogue lacks, so this product exists.
            Product product = base.product(trigger.productCode()).orElseThrow();
            var checks = suitability(base, event.profile(), product, today, history).decisions();
            var reasons = checks.suppressions().stream().map(Decisions.Suppression::reason).distinct()
                    .sorted(Comparator.comparingInt(Enum::ordinal)).toList();
            boolean survives = reasons.isEmpty();
            offers.put(key, new OfferDecision.Offer(trigger.name(), trigger.productCode(), trigger.rule(),
                    survives ? null : OfferDecision.Result.SUPPRESSED, reasons, checks.suppressions(), checks.rulesFired(), null,
                    survives ? null : "suppressed by " + String.join(", ", checks.suppressions().stream()
                            .map(s -> s.rule() + " (" + s.reason() + ")").distinct().toList())));
            if (survives) {
                candidates.add(new Candidate(trigger.name(), product));
            }
        }

        String winner = null;
        if (!candidates.isEmpty()) {
            var ranked = rank(base, event, today, candidates);
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
        return new OfferDecision(base.version(), base.catalogueVersion(), today, personalisation, triggered.triggers(),
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
        var factors = arbitration(base, event, today, candidates).decisions().factors();
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

    private static final org.kie.api.command.KieCommands COMMANDS = KieServices.get().getCommands();

    /** One step's rules over the facts; for a customer who refused profiling, without the personalised rules. */
    private static void run(RuleBase base, RuleBase.Step step, Decisions decisions, List<Object> facts, boolean noProfiling) {
        var session = base.newSession(step);
        session.setGlobal("decisions", decisions);
        if (noProfiling) {
            session.execute(COMMANDS.newBatchExecution(List.of(COMMANDS.newInsertElements(facts),
                    new FireAllRulesCommand(base.withoutPersonalisedRules()))));
        } else {
            session.execute(facts);
        }
    }
}
