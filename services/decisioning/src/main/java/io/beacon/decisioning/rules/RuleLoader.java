package io.beacon.decisioning.rules;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a rules version from its folder: every rule file and the catalogue are read and checked (the catalogue's schema,
 * the compilation of the DRL and decision tables, the DMN targeting tables, the product codes rules name, the step of
 * each rule) before anything is returned, so a caller gets either a whole {@link RuleBase} or a
 * {@link RuleBase.RulesRejectedException} listing every problem with file, line and reason. The version is a content
 * hash of every rule file and the catalogue.
 */
final class RuleLoader {

    // Product codes as rules spell them: the second argument of decisions.trigger(...), and Product( code == "..." ).
    private static final Pattern TRIGGERED_PRODUCT =
            Pattern.compile("decisions\\s*\\.\\s*trigger\\s*\\(\\s*\"[^\"]*\"\\s*,\\s*\"([^\"]*)\"");
    private static final Pattern PRODUCT_CODE_CONSTRAINT = Pattern.compile("\\bcode\\s*==\\s*\"([^\"]*)\"");
    // A suitability rule and the regimes it names (ADR 0037): Product( suitabilityRegime == "credit" ).
    private static final Pattern SUITABILITY_PACKAGE = Pattern.compile("(?m)^\\s*package\\s+" + Pattern.quote(RuleBase.Step.SUITABILITY.packageName()) + "\\s*;?\\s*$");
    private static final Pattern RULE = Pattern.compile("(?ms)^\\s*rule\\s+\"([^\"]+)\"(.*?)^\\s*end\\b");
    private static final Pattern REGIME_CONSTRAINT = Pattern.compile("\\bsuitabilityRegime\\s*==\\s*\"([^\"]*)\"");

    private RuleLoader() {
    }

    static RuleBase load(Path directory) {
        MessageDigest digest = sha256();
        List<Path> drls = RuleFiles.ruleFiles(directory);
        if (drls.stream().noneMatch(p -> p.getFileName().toString().endsWith(".drl"))) {
            throw new RuleBase.RulesRejectedException(List.of(new RuleProblem(".", 0, null, "no .drl file under " + directory.toAbsolutePath())));
        }
        List<RuleProblem> problems = new ArrayList<>();

        byte[] catalogueBytes = RuleFiles.read(directory.resolve(RuleBase.CATALOGUE), RuleBase.CATALOGUE, problems);
        Catalogue catalogue = catalogueBytes == null ? null : Catalogue.read(RuleBase.CATALOGUE, catalogueBytes, problems);

        var compiler = new RuleCompiler();
        Map<String, List<String>> checks = new LinkedHashMap<>();
        Product.REGIMES.forEach(r -> checks.put(r, new ArrayList<>()));
        Map<String, byte[]> tables = new LinkedHashMap<>();
        for (Path drl : drls) {
            String name = RuleFiles.relative(directory, drl);
            if (name.endsWith(".dmn")) {
                // DMN targeting tables: compiled by Drools' DMN engine below, part of the same version
                byte[] content = RuleFiles.read(drl, name, problems);
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
            byte[] content = RuleFiles.read(drl, name, problems);
            if (content == null) {
                continue;
            }
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(content);
            compiler.add(name, content);
            problems.addAll(suitabilityChecks(name, new String(content, StandardCharsets.UTF_8), checks));
            // Without a valid catalogue every code would look unknown: report only the catalogue's own problems then.
            if (catalogue != null) {
                problems.addAll(unknownProducts(name, new String(content, StandardCharsets.UTF_8), catalogue.products()));
            }
        }
        if (catalogueBytes != null) {
            digest.update(catalogueBytes);
        }
        compiler.compile();
        TargetingTables targeting = TargetingTableLoader.load(tables, catalogue == null ? Map.of() : catalogue.products(), catalogue != null, problems);
        problems.addAll(compiler.errors());
        if (!problems.isEmpty()) {
            throw new RuleBase.RulesRejectedException(problems);
        }
        var steps = CompiledRules.sort(compiler.packages(), problems);
        if (!problems.isEmpty()) {
            throw new RuleBase.RulesRejectedException(problems);
        }
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        return new RuleBase(steps.bases(), catalogue, version, steps.personalised(), steps.apart(), targeting, checks);
    }

    private static List<RuleProblem> unknownProducts(String file, String drl, Map<String, Product> catalogue) {
        List<RuleProblem> problems = new ArrayList<>();
        for (Pattern pattern : List.of(TRIGGERED_PRODUCT, PRODUCT_CODE_CONSTRAINT)) {
            Matcher m = pattern.matcher(drl);
            while (m.find()) {
                String code = m.group(1);
                if (!catalogue.containsKey(code)) {
                    problems.add(new RuleProblem(file, lineOf(drl, m.start(1)), null,
                            "unknown product " + code + ": not in " + RuleBase.CATALOGUE));
                }
            }
        }
        problems.sort(java.util.Comparator.comparingInt(RuleProblem::line));
        return problems;
    }

    /**
     * Adds each suitability rule of a file to the checks of the regimes it names ({@code suitabilityRegime == "x"}), or of
     * every regime when it names none; a regime that is not one of {@link Product#REGIMES} is a problem.
     */
    private static List<RuleProblem> suitabilityChecks(String file, String drl, Map<String, List<String>> checks) {
        if (!SUITABILITY_PACKAGE.matcher(drl).find()) {
            return List.of();
        }
        List<RuleProblem> problems = new ArrayList<>();
        Matcher rule = RULE.matcher(drl);
        while (rule.find()) {
            var named = new java.util.LinkedHashSet<String>();
            Matcher regime = REGIME_CONSTRAINT.matcher(rule.group(2));
            while (regime.find()) {
                if (Product.REGIMES.contains(regime.group(1))) {
                    named.add(regime.group(1));
                } else {
                    problems.add(new RuleProblem(file, lineOf(drl, rule.start(2) + regime.start(1)), null, "unknown suitability regime "
                            + regime.group(1) + ": one of " + String.join(", ", Product.REGIMES)));
                }
            }
            (named.isEmpty() ? Product.REGIMES : named).forEach(r -> checks.get(r).add(rule.group(1)));
        }
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
