package io.beacon.decisioning.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.drools.drl.extensions.DecisionTableFactory;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.DecisionTableInputType;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;
import org.kie.api.runtime.KieSessionsPool;

/**
 * The rules (DRL under rules/) and the offer catalogue (rules/catalogue/offers.json), loaded together from disk
 * as one version. Everything is checked before anything is returned (catalogue schema, DRL compilation, product
 * codes named in rules), so a caller either gets a whole, consistent version or a {@link RulesRejectedException}
 * listing every problem with file, line and reason.
 */
public final class RuleBase {

    public static final String CATALOGUE = "catalogue/offers.json";

    // Product codes as rules spell them: the second argument of decisions.trigger(...), and Product( code == "..." ).
    private static final Pattern TRIGGERED_PRODUCT =
            Pattern.compile("decisions\\s*\\.\\s*trigger\\s*\\(\\s*\"[^\"]*\"\\s*,\\s*\"([^\"]*)\"");
    private static final Pattern PRODUCT_CODE_CONSTRAINT = Pattern.compile("\\bcode\\s*==\\s*\"([^\"]*)\"");

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

    /** Facts only the suitability and contact-policy steps are given. */
    static final java.util.Set<String> CHECK_FACTS = java.util.Set.of(Product.class.getName(), CoolingOffPeriod.class.getName(),
            PastRejection.class.getName(), RunningJourney.class.getName());
    /** Facts only arbitration is given. */
    static final java.util.Set<String> ARBITRATION_FACTS = java.util.Set.of(EventFact.class.getName(), Candidate.class.getName());

    /** The steps whose rules choose offers: for a customer who refused profiling only their generic rules fire. */
    static final java.util.Set<Step> CHOOSING_STEPS = java.util.EnumSet.of(Step.TRIGGERS, Step.ARBITRATION);

    private final Map<Step, KieBase> bases;
    private final Map<Step, KieSessionsPool> sessions;
    private final Map<String, Step> stepOfRule;
    private final java.util.Set<String> personalisedRules;
    private final boolean decidesInOneRun;
    private final Map<Step, org.kie.api.runtime.rule.AgendaFilter> onlyStep = new java.util.EnumMap<>(Step.class);
    private final TargetingTables targeting;
    private final Map<String, Product> catalogue;
    private final String catalogueVersion;
    private final Double secondApprovalAboveValue;
    private final String version;
    private final Instant loadedAt;

    private RuleBase(Map<Step, KieBase> stepBases, Map<String, Product> catalogue, String catalogueVersion, Double secondApprovalAboveValue,
                     String version, Map<String, Step> stepOfRule, java.util.Set<String> personalisedRules, boolean decidesInOneRun,
                     TargetingTables targeting) {
        this.bases = stepBases;
        this.stepOfRule = Map.copyOf(stepOfRule);
        this.targeting = targeting;
        var personalised = new java.util.TreeSet<>(personalisedRules);
        personalised.addAll(targeting.personalised());
        this.personalisedRules = java.util.Set.copyOf(personalised);
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
        this.catalogueVersion = catalogueVersion;
        this.secondApprovalAboveValue = secondApprovalAboveValue;
        this.version = version;
        this.loadedAt = Instant.now();
    }

    public static RuleBase load(Path directory) {
        MessageDigest digest = sha256();
        List<Path> drls = ruleFiles(directory);
        if (drls.stream().noneMatch(p -> p.getFileName().toString().endsWith(".drl"))) {
            throw new RulesRejectedException(List.of(new RuleProblem(".", 0, null, "no .drl file under " + directory.toAbsolutePath())));
        }
        List<RuleProblem> problems = new ArrayList<>();

        Path cataloguePath = directory.resolve(CATALOGUE);
        byte[] catalogueBytes = readForLoad(cataloguePath, CATALOGUE, problems);
        Map<String, Product> catalogue = Map.of();
        String catalogueVersion = null;
        Double secondApprovalAboveValue = null;
        if (catalogueBytes != null) {
            List<RuleProblem> catalogueProblems = CatalogueValidator.validate(CATALOGUE, catalogueBytes);
            problems.addAll(catalogueProblems);
            if (catalogueProblems.isEmpty()) {
                JsonNode tree = tree(catalogueBytes);
                catalogue = products(tree);
                catalogueVersion = tree.path("version").asText();
                secondApprovalAboveValue = tree.path("secondApprovalAboveValue").isNumber() ? tree.path("secondApprovalAboveValue").asDouble() : null;
            }
        }

        // One compile of every file (a KnowledgeBuilder, no KieModule or KieContainer around it); each step's KieBase
        // is then assembled from the compiled packages of that step alone, so nothing is compiled twice.
        var builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        var batch = builder.batch();
        Map<String, byte[]> tables = new LinkedHashMap<>();
        for (Path drl : drls) {
            String name = relative(directory, drl);
            if (name.endsWith(".dmn")) {
                // DMN targeting tables: compiled by Drools' DMN engine below, part of the same version
                byte[] content = readForLoad(drl, name, problems);
                if (content != null) {
                    digest.update(name.getBytes(StandardCharsets.UTF_8));
                    digest.update(content);
                    if (!name.startsWith("triggers/")) {
                        problems.add(new RuleProblem(name, 0, null, "a DMN targeting table raises triggers: keep it under triggers/"));
                    } else {
                        tables.put(name, content);
                    }
                }
                continue;
            }
            if (name.endsWith(".csv") && !name.endsWith(".drl.csv")) {
                // Drools reads a CSV decision table only as *.drl.csv; any other .csv would be ignored without a word.
                problems.add(new RuleProblem(name, 0, null, "a CSV decision table must be named *.drl.csv, or Drools ignores it"));
                continue;
            }
            byte[] content = readForLoad(drl, name, problems);
            if (content == null) {
                continue;
            }
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(content);
            var resource = ResourceFactory.newByteArrayResource(content);
            resource.setSourcePath(name);
            if (name.endsWith(".drl.csv")) {
                var table = KnowledgeBuilderFactory.newDecisionTableConfiguration();
                table.setInputType(DecisionTableInputType.CSV);
                batch.add(resource, ResourceType.DTABLE, table);
            } else {
                batch.add(resource, ResourceType.DRL);
            }
            // Without a valid catalogue every code would look unknown: report only the catalogue's own problems then.
            if (catalogueVersion != null) {
                problems.addAll(unknownProducts(name, new String(content, StandardCharsets.UTF_8), catalogue));
            }
        }
        if (catalogueBytes != null) {
            digest.update(catalogueBytes);
        }
        compile(batch);
        TargetingTables targeting = TargetingTables.load(tables, catalogue, catalogueVersion != null, problems);
        for (KnowledgeBuilderResult error : builder.getResults(ResultSeverity.ERROR)) {
            String path = error.getResource() == null || error.getResource().getSourcePath() == null ? "?" : error.getResource().getSourcePath();
            int line = error.getLines() == null || error.getLines().length == 0 ? 0 : error.getLines()[0];
            problems.add(new RuleProblem(path, line, null, error.getMessage().strip()));
        }
        if (!problems.isEmpty()) {
            throw new RulesRejectedException(problems);
        }
        Map<String, Step> stepOfRule = new LinkedHashMap<>();
        java.util.Set<String> personalised = new java.util.TreeSet<>();
        boolean apart = true;
        Map<Step, List<KiePackage>> packagesOf = new java.util.EnumMap<>(Step.class);
        List<KiePackage> withoutRules = new ArrayList<>();
        for (KiePackage kiePackage : builder.getKnowledgePackages()) {
            var packageStep = Step.of(kiePackage.getName());
            if (kiePackage.getRules().isEmpty()) {
                withoutRules.add(kiePackage); // declared types or functions only: every step may use them
                continue;
            }
            packageStep.ifPresent(step -> packagesOf.computeIfAbsent(evaluatedWith(step), s -> new ArrayList<>()).add(kiePackage));
            for (org.kie.api.definition.rule.Rule rule : kiePackage.getRules()) {
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
            throw new RulesRejectedException(problems);
        }
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        return new RuleBase(stepBases(packagesOf, withoutRules), catalogue, catalogueVersion, secondApprovalAboveValue, version, stepOfRule, personalised, apart, targeting);
    }

    private static final Object COMPILING = new Object();

    /**
     * Drools keeps the DRL it generated from a decision table in a JVM-wide cache keyed by the table's file name, so a
     * reload of a changed (or broken) table would compile the old one: the cache is emptied around each compile, which
     * is what Drools' own KieBuilder does, and one load compiles at a time.
     */
    private static void compile(org.kie.internal.builder.CompositeKnowledgeBuilder batch) {
        synchronized (COMPILING) {
            DecisionTableFactory.clearCompilerCache();
            try {
                batch.build();
            } finally {
                DecisionTableFactory.clearCompilerCache();
            }
        }
    }

    /**
     * A KieBase per step from that step's compiled packages (and any package of declared types or functions only).
     * A package is added to one KieBase only, so Drools never has to clone one.
     */
    private static Map<Step, KieBase> stepBases(Map<Step, List<KiePackage>> packagesOf, List<KiePackage> withoutRules) {
        Map<Step, KieBase> bases = new java.util.EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            if (evaluatedWith(step) != step) {
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

    private static String key(org.kie.api.definition.rule.Rule rule) {
        return rule.getPackageName() + "/" + rule.getName();
    }

    private static String sourceOf(org.kie.api.definition.rule.Rule rule) {
        if (rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl && impl.getResource() != null
                && impl.getResource().getSourcePath() != null) {
            return impl.getResource().getSourcePath();
        }
        return "?";
    }

    /**
     * A choosing rule is personalised when it matches the customer's profile ({@link CustomerFact}) anywhere in its
     * conditions, or says so with {@code @personalised} (a rule on an event that still infers something about the
     * customer). Found from the compiled rule, so a new rule cannot forget to declare it.
     */
    static boolean readsTheProfile(org.kie.api.definition.rule.Rule rule) {
        if (rule.getMetaData().containsKey("personalised")) {
            return true;
        }
        return rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl && matchesCustomer(impl.getLhs());
    }

    private static boolean matchesCustomer(org.drools.base.rule.RuleConditionElement element) {
        if (element instanceof org.drools.base.rule.Pattern pattern) {
            if (pattern.getObjectType() instanceof org.drools.base.base.ClassObjectType type
                    && CustomerFact.class.getName().equals(type.getClassName())) {
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
    static java.util.Set<String> matchedTypes(org.kie.api.definition.rule.Rule rule) {
        var types = new java.util.HashSet<String>();
        if (rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl) {
            collectTypes(impl.getLhs(), types);
        }
        return types;
    }

    private static void collectTypes(org.drools.base.rule.RuleConditionElement element, java.util.Set<String> types) {
        if (element instanceof org.drools.base.rule.Pattern pattern && pattern.getObjectType() instanceof org.drools.base.base.ClassObjectType type) {
            types.add(type.getClassName());
        }
        for (var nested : element.getNestedElements()) {
            collectTypes(nested, types);
        }
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
    public org.kie.api.runtime.rule.AgendaFilter onlyStep(Step step) {
        return onlyStep.get(step == Step.CONTACT_POLICY ? Step.SUITABILITY : step);
    }

    private static org.kie.api.runtime.rule.AgendaFilter packages(String... names) {
        var set = java.util.Set.of(names);
        return match -> set.contains(match.getRule().getPackageName());
    }

    /** For a customer who refused profiling: every rule but the personalised ones. */
    public org.kie.api.runtime.rule.AgendaFilter withoutPersonalisedRules() {
        return match -> !personalisedRules.contains(key(match.getRule()));
    }

    /** Rules that read the customer's profile or say they are personalised: never fired for a customer who refused profiling. */
    public java.util.Set<String> personalisedRules() {
        return personalisedRules;
    }

    /** Rule files: DRL, CSV decision tables (what a business user edits as a table) and DMN targeting tables. */
    static List<Path> ruleFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".drl") || p.getFileName().toString().endsWith(".csv")
                            || p.getFileName().toString().endsWith(".dmn"))
                    .filter(p -> !hidden(directory, p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules folder " + directory.toAbsolutePath(), e);
        }
    }

    // Editors and sync tools leave dot-files (.#salary.drl, .salary.drl.swp) beside the real ones; they are not rules.
    public static boolean hidden(Path directory, Path file) {
        for (Path part : directory.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<RuleProblem> unknownProducts(String file, String drl, Map<String, Product> catalogue) {
        List<RuleProblem> problems = new ArrayList<>();
        for (Pattern pattern : List.of(TRIGGERED_PRODUCT, PRODUCT_CODE_CONSTRAINT)) {
            Matcher m = pattern.matcher(drl);
            while (m.find()) {
                String code = m.group(1);
                if (!catalogue.containsKey(code)) {
                    problems.add(new RuleProblem(file, lineOf(drl, m.start(1)), null,
                            "unknown product " + code + ": not in " + CATALOGUE));
                }
            }
        }
        problems.sort(java.util.Comparator.comparingInt(RuleProblem::line));
        return problems;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Map<String, Product> products(JsonNode tree) {
        Map<String, Product> products = new LinkedHashMap<>();
        try {
            for (JsonNode offer : tree.path("offers")) {
                Product product = Json.mapper().treeToValue(offer, Product.class);
                products.put(product.getCode(), product);
            }
        } catch (IOException e) {
            throw new IllegalStateException("a catalogue that passed its schema did not map onto Product", e);
        }
        return Map.copyOf(products);
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String relative(Path directory, Path file) {
        return directory.relativize(file).toString().replace('\\', '/');
    }

    /** The KieBase a step's rules are evaluated on (contact policy: the suitability one, see {@link #evaluatedWith}). */
    public KieBase kieBase(Step step) {
        return bases.get(evaluatedWith(step));
    }

    /**
     * A session on the KieBase of a step's rules, from this version's pool: the caller inserts, fires and disposes of
     * it, which resets it and gives it back to the pool. Thread-safe.
     */
    public org.kie.api.runtime.KieSession newSession(Step step) {
        return sessions.get(evaluatedWith(step)).newKieSession();
    }

    /** The DMN targeting tables of this version, evaluated beside the trigger rules. */
    public TargetingTables targeting() {
        return targeting;
    }

    public Optional<Product> product(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(catalogue.get(code));
    }

    /**
     * Whether an offer of the product needs a checker after the RM (ADR 0028): decided here, where the catalogue is,
     * and carried to the journey as {@code secondApproval} on its trigger. False for an unknown product.
     */
    public boolean needsSecondApproval(String productCode) {
        return product(productCode).map(p -> p.needsSecondApproval(secondApprovalAboveValue)).orElse(false);
    }

    public Map<String, Product> catalogue() {
        return catalogue;
    }

    /** The "version" field of offers.json, as the business numbers it. */
    public String catalogueVersion() {
        return catalogueVersion;
    }

    /** A content hash of every rule file and the catalogue: recorded in each decision. */
    public String version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    private static byte[] readForLoad(Path path, String name, List<RuleProblem> problems) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            problems.add(new RuleProblem(name, 0, null, "cannot read: " + e));
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
