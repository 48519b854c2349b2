package io.beacon.decisioning.rules;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.AgendaFilter;

/**
 * The rules (DRL under rules/) and the offer catalogue (rules/catalogue/offers.json), loaded together from disk
 * as one version. Everything is checked before anything is returned (catalogue schema, DRL compilation, product
 * codes named in rules), so a caller either gets a whole, consistent version or a {@link RulesRejectedException}
 * listing every problem with file, line and reason.
 *
 * <p>This is the loaded version as decisions use it: a KieBase and a pool of sessions per step, the agenda filters of
 * the steps and of the no-profiling option, the targeting tables and the catalogue. How a version is read, checked and
 * compiled is {@link RuleLoader}'s ({@link RuleFiles}, {@link Catalogue}, {@link RuleCompiler}, {@link CompiledRules}).
 */
public final class RuleBase {

    /** Where the offer catalogue is in the rules folder. */
    public static final String CATALOGUE = "catalogue/offers.json";

    /**
     * The decision steps, each a rules package: a step's evaluation fires only its own package's rules, so that
     * (say) arbitration rules never run while triggers are decided. A rule in any other package is refused at load.
     */
    public enum Step {
        TRIGGERS("io.beacon.rules.triggers"),
        SUITABILITY("io.beacon.rules.suitability"),
        CONTACT_POLICY("io.beacon.rules.contactpolicy"),
        ARBITRATION("io.beacon.rules.arbitration");

        private final String packageName;

        Step(String packageName) {
            this.packageName = packageName;
        }

        public String packageName() {
            return packageName;
        }

        static Optional<Step> of(String packageName) {
            return java.util.Arrays.stream(values()).filter(s -> s.packageName.equals(packageName)).findFirst();
        }
    }

    /**
     * The step whose KieBase holds a step's rules. Triggers have their own (they run on every event); the steps after
     * them share one, so that one session run can decide an offer's suitability, offer history and arbitration together
     * (see {@link #decidesInOneRun()}); a step evaluated alone on it fires only its own package's rules.
     */
    static Step evaluatedWith(Step step) {
        return step == Step.TRIGGERS ? Step.TRIGGERS : Step.SUITABILITY;
    }

    private final Map<Step, KieBase> bases;
    private final Map<Step, KieSessionsPool> sessions;
    private final Set<String> personalisedRules;
    private final boolean decidesInOneRun;
    private final Map<Step, AgendaFilter> onlyStep = new java.util.EnumMap<>(Step.class);
    private final TargetingTables targeting;
    private final Map<String, List<String>> suitabilityChecks;
    private final Catalogue catalogue;
    private final String version;
    private final Instant loadedAt;

    RuleBase(Map<Step, KieBase> stepBases, Catalogue catalogue, String version, Set<String> personalisedRules, boolean decidesInOneRun,
             TargetingTables targeting, Map<String, List<String>> suitabilityChecks) {
        this.bases = stepBases;
        var checks = new java.util.LinkedHashMap<String, List<String>>();
        suitabilityChecks.forEach((regime, rules) -> checks.put(regime, List.copyOf(rules)));
        this.suitabilityChecks = java.util.Collections.unmodifiableMap(checks);
        this.targeting = targeting;
        var personalised = new java.util.TreeSet<>(personalisedRules);
        personalised.addAll(targeting.personalised());
        this.personalisedRules = Set.copyOf(personalised);
        this.decidesInOneRun = decidesInOneRun;
        // SUITABILITY stands for the checks (with contact policy), evaluated together as before
        onlyStep.put(Step.SUITABILITY, packages(Step.SUITABILITY.packageName(), Step.CONTACT_POLICY.packageName()));
        onlyStep.put(Step.ARBITRATION, packages(Step.ARBITRATION.packageName()));
        // A stateless session builds a whole working memory per call; the pool resets and reuses them instead,
        // which is most of the cost of a decision on rules this small. It grows on demand, so the size only warms it.
        // One pool per KieBase: the trigger rules alone (they see every event: with one KieBase and an agenda filter, every
        // step's rules were matched and then thrown away), and the steps after them together (see evaluatedWith).
        var pools = new java.util.EnumMap<Step, KieSessionsPool>(Step.class);
        stepBases.forEach((step, base) -> pools.put(step, base.newKieSessionsPool(Runtime.getRuntime().availableProcessors())));
        this.sessions = pools;
        this.catalogue = catalogue;
        this.version = version;
        this.loadedAt = Instant.now();
    }

    /** Reads, checks and compiles the rules folder ({@link RuleLoader}). */
    public static RuleBase load(Path directory) {
        return RuleLoader.load(directory);
    }

    /** Whether a file of the rules folder is an editor's or a sync tool's dot-file, which is no rule. */
    public static boolean hidden(Path directory, Path file) {
        return RuleFiles.hidden(directory, file);
    }

    /**
     * True when no suitability or contact-policy rule matches a fact only arbitration is given (an event, a candidate)
     * and no arbitration rule matches one only the checks are given (a product, the offer history): then the checks
     * and the arbitration of a single proposed offer can share one session run and conclude exactly what two runs
     * would. The shipped rules are so; a rule base that is not is decided step by step.
     */
    public boolean decidesInOneRun() {
        return decidesInOneRun;
    }

    /** Only the rules of a step that shares its KieBase ({@link Step#SUITABILITY} with contact policy, or {@link Step#ARBITRATION}). */
    public AgendaFilter onlyStep(Step step) {
        return onlyStep.get(step == Step.CONTACT_POLICY ? Step.SUITABILITY : step);
    }

    private static AgendaFilter packages(String... names) {
        var set = Set.of(names);
        return match -> set.contains(match.getRule().getPackageName());
    }

    /** For a customer who refused profiling: every rule but the personalised ones. */
    public AgendaFilter withoutPersonalisedRules() {
        return match -> !personalisedRules.contains(CompiledRules.key(match.getRule()));
    }

    /** Rules that read the customer's profile or say they are personalised: never fired for a customer who refused profiling. */
    public Set<String> personalisedRules() {
        return personalisedRules;
    }

    /** The KieBase a step's rules are evaluated on (contact policy: the suitability one, see {@link #evaluatedWith}). */
    public KieBase kieBase(Step step) {
        return bases.get(evaluatedWith(step));
    }

    /**
     * A session on the KieBase of a step's rules, from this version's pool: the caller inserts, fires and disposes of
     * it, which resets it and gives it back to the pool. Thread-safe.
     */
    public KieSession newSession(Step step) {
        return sessions.get(evaluatedWith(step)).newKieSession();
    }

    /** The DMN targeting tables of this version, evaluated beside the trigger rules. */
    public TargetingTables targeting() {
        return targeting;
    }

    /**
     * The suitability rules that judge a product of this regime (ADR 0037): those naming it ({@code Product(
     * suitabilityRegime == "credit" )}) and those naming none, in file order; what the evidence records as the checks applied.
     */
    public List<String> suitabilityChecks(String regime) {
        return suitabilityChecks.getOrDefault(regime, List.of());
    }

    public Optional<Product> product(String code) {
        return catalogue.product(code);
    }

    /**
     * Whether an offer of the product needs a checker after the RM (ADR 0028): decided here, where the catalogue is,
     * and carried to the journey as {@code secondApproval} on its trigger. False for an unknown product.
     */
    public boolean needsSecondApproval(String productCode) {
        return catalogue.needsSecondApproval(productCode);
    }

    public Map<String, Product> catalogue() {
        return catalogue.products();
    }

    /** The "version" field of offers.json, as the business numbers it. */
    public String catalogueVersion() {
        return catalogue.version();
    }

    /** A content hash of every rule file and the catalogue: recorded in each decision. */
    public String version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** The rule files or the catalogue were refused; each problem names file, line and reason. */
    public static class RulesRejectedException extends RuntimeException {
        private final List<RuleProblem> details;

        public RulesRejectedException(List<RuleProblem> details) {
            super("rules refused: " + String.join("; ", details.stream().map(RuleProblem::toString).toList()));
            this.details = List.copyOf(details);
        }

        /** Each problem as "file:line: [pointer: ]reason". */
        public List<String> problems() {
            return details.stream().map(RuleProblem::toString).toList();
        }

        public List<RuleProblem> details() {
            return details;
        }
    }
}
