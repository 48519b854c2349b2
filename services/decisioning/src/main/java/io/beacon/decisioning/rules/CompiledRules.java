package io.beacon.decisioning.rules;

import io.beacon.decisioning.rules.RuleBase.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The compiled packages of a rules version sorted into its decision steps, and what the compiled rules say of
 * themselves: which step each rule belongs to (a rule in no step's package is refused), which ones read the customer's
 * profile, and whether the steps that share a KieBase keep their facts apart. Read from the compiled rules (Drools'
 * own model of their conditions), so a new rule cannot forget to declare any of it.
 */
final class CompiledRules {

    /** Facts only the suitability and contact-policy steps are given. */
    static final Set<String> CHECK_FACTS = Set.of(Product.class.getName(), CoolingOffPeriod.class.getName(),
            PastRejection.class.getName(), RunningJourney.class.getName());
    /** Facts only arbitration is given. */
    static final Set<String> ARBITRATION_FACTS = Set.of(EventFact.class.getName(), Candidate.class.getName());

    /** The steps whose rules choose offers: for a customer who refused profiling only their generic rules fire. */
    static final Set<Step> CHOOSING_STEPS = java.util.EnumSet.of(Step.TRIGGERS, Step.ARBITRATION);

    /**
     * @param bases        a KieBase per step that has one of its own (see {@link RuleBase#evaluatedWith})
     * @param stepOfRule   each rule ({@code package/name}) and its step
     * @param personalised the choosing rules that read the profile or say they are personalised
     * @param apart        whether the checks and arbitration keep their facts apart ({@link RuleBase#decidesInOneRun()})
     */
    record Steps(Map<Step, KieBase> bases, Map<String, Step> stepOfRule, Set<String> personalised, boolean apart) {
    }

    private CompiledRules() {
    }

    /**
     * Sorts the compiled packages into their steps; a rule in a package that is no decision step is added to
     * {@code problems}, and then nothing is returned.
     */
    static Steps sort(Iterable<KiePackage> compiled, List<RuleProblem> problems) {
        Map<String, Step> stepOfRule = new LinkedHashMap<>();
        Set<String> personalised = new TreeSet<>();
        boolean apart = true;
        Map<Step, List<KiePackage>> packagesOf = new java.util.EnumMap<>(Step.class);
        List<KiePackage> withoutRules = new ArrayList<>();
        for (KiePackage kiePackage : compiled) {
            var packageStep = Step.of(kiePackage.getName());
            if (kiePackage.getRules().isEmpty()) {
                withoutRules.add(kiePackage); // declared types or functions only: every step may use them
                continue;
            }
            packageStep.ifPresent(step -> packagesOf.computeIfAbsent(RuleBase.evaluatedWith(step), s -> new ArrayList<>()).add(kiePackage));
            for (Rule rule : kiePackage.getRules()) {
                var step = Step.of(rule.getPackageName());
                if (step.isEmpty()) {
                    problems.add(new RuleProblem(sourceOf(rule), 0, null, "rule '" + rule.getName() + "' is in package "
                            + rule.getPackageName() + ", which is no decision step: declare one of "
                            + java.util.Arrays.stream(Step.values()).map(Step::packageName).toList()));
                    continue;
                }
                stepOfRule.put(key(rule), step.get());
                if (CHOOSING_STEPS.contains(step.get()) && readsTheProfile(rule)) {
                    personalised.add(key(rule));
                }
                if (step.get() != Step.TRIGGERS) {
                    var others = step.get() == Step.ARBITRATION ? CHECK_FACTS : ARBITRATION_FACTS;
                    apart &= matchedTypes(rule).stream().noneMatch(others::contains);
                }
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Steps(stepBases(packagesOf, withoutRules), stepOfRule, personalised, apart);
    }

    /**
     * A KieBase per step from that step's compiled packages (and any package of declared types or functions only).
     * A package is added to one KieBase only, so Drools never has to clone one.
     */
    private static Map<Step, KieBase> stepBases(Map<Step, List<KiePackage>> packagesOf, List<KiePackage> withoutRules) {
        Map<Step, KieBase> bases = new java.util.EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            if (RuleBase.evaluatedWith(step) != step) {
                continue;
            }
            var base = KnowledgeBaseFactory.newKnowledgeBase();
            var packages = new ArrayList<KiePackage>(withoutRules.size() + 2);
            packages.addAll(withoutRules);
            packages.addAll(packagesOf.getOrDefault(step, List.of()));
            base.addPackages(packages);
            bases.put(step, base);
        }
        return bases;
    }

    /** A rule's name within the version: {@code package/name}. */
    static String key(Rule rule) {
        return rule.getPackageName() + "/" + rule.getName();
    }

    private static String sourceOf(Rule rule) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
            return impl.getResource().getSourcePath();
        }
        return "?";
    }

    /**
     * A choosing rule is personalised when it matches the customer's profile ({@link CustomerFact}) anywhere in its
     * conditions, or says so with {@code @personalised} (a rule on an event that still infers something about the
     * customer). Found from the compiled rule, so a new rule cannot forget to declare it.
     */
    static boolean readsTheProfile(Rule rule) {
        if (rule.getMetaData().containsKey("personalised")) {
            return true;
        }
        return rule instanceof RuleImpl impl && matchesCustomer(impl.getLhs());
    }

    private static boolean matchesCustomer(RuleConditionElement element) {
        if (element instanceof Pattern pattern) {
            if (pattern.getObjectType() instanceof ClassObjectType type && CustomerFact.class.getName().equals(type.getClassName())) {
                return true;
            }
        }
        for (var nested : element.getNestedElements()) {
            if (matchesCustomer(nested)) {
                return true;
            }
        }
        return false;
    }

    /** The classes of every fact pattern in a rule's conditions (nested ones included). */
    static Set<String> matchedTypes(Rule rule) {
        var types = new HashSet<String>();
        if (rule instanceof RuleImpl impl) {
            collectTypes(impl.getLhs(), types);
        }
        return types;
    }

    private static void collectTypes(RuleConditionElement element, Set<String> types) {
        if (element instanceof Pattern pattern && pattern.getObjectType() instanceof ClassObjectType type) {
            types.add(type.getClassName());
        }
        for (var nested : element.getNestedElements()) {
            collectTypes(nested, types);
        }
    }
}
