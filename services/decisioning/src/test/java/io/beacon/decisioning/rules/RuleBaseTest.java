package io.beacon.decisioning.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleBaseTest {

    @Test
    void ruleFileThatDoesNotCompileIsRefusedNamingFileAndLine(@TempDir Path rules) throws IOException {
        Files.createDirectories(rules.resolve("catalogue"));
        Files.copy(Path.of("../../rules/catalogue/offers.json"), rules.resolve("catalogue/offers.json"));
        Files.writeString(rules.resolve("broken.drl"), """
                package io.beacon.rules.broken
                rule "Broken"
                when
                    NoSuchFact( )
                then
                end
                """);

        assertThatThrownBy(() -> RuleBase.load(rules))
                .isInstanceOfSatisfying(RuleBase.RulesRejectedException.class, e ->
                        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("broken.drl").contains("NoSuchFact")));
    }

    @Test
    void versionChangesWhenTheCatalogueChanges(@TempDir Path rules) throws IOException {
        Files.createDirectories(rules.resolve("catalogue"));
        Files.copy(Path.of("../../rules/triggers/salary.drl"), rules.resolve("salary.drl"));
        Files.copy(Path.of("../../rules/catalogue/offers.json"), rules.resolve("catalogue/offers.json"));
        String before = RuleBase.load(rules).version();

        Files.writeString(rules.resolve("catalogue/offers.json"),
                Files.readString(rules.resolve("catalogue/offers.json")).replace("\"expectedValue\": 40", "\"expectedValue\": 41"));

        assertThat(RuleBase.load(rules).version()).isNotEqualTo(before);
    }

    /**
     * A rules folder written before the facts moved to io.beacon.decisioning.rules (a live release, a proposal) still
     * loads, with the same rules in each step and the same personalised ones; its version is the hash of its own files.
     */
    @Test
    void rulesNamingTheFactsByTheirFormerPackageStillLoad(@TempDir Path rules) throws IOException {
        Path shipped = RuleLoadValidationTest.RULES;
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = rules.resolve(shipped.relativize(file).toString());
                Files.createDirectories(target.getParent());
                String name = file.getFileName().toString();
                if (name.endsWith(".drl") || name.endsWith(".drl.csv")) {
                    Files.writeString(target, Files.readString(file).replace("io.beacon.decisioning.rules.", "io.beacon.decisioning."));
                } else {
                    Files.copy(file, target);
                }
            }
        }
        assertThat(Files.readString(rules.resolve("triggers/salary.drl"))).contains("import io.beacon.decisioning.EventFact");

        RuleBase today = RuleBase.load(shipped);
        RuleBase former = RuleBase.load(rules);

        assertThat(former.version()).isNotEqualTo(today.version());
        assertThat(former.personalisedRules()).isEqualTo(today.personalisedRules());
        assertThat(former.decidesInOneRun()).isTrue();
        for (RuleBase.Step step : RuleBase.Step.values()) {
            assertThat(rulesOf(former, step)).as(step.name()).isEqualTo(rulesOf(today, step)).isNotEmpty();
        }
    }

    private static java.util.Set<String> rulesOf(RuleBase base, RuleBase.Step step) {
        var names = new java.util.TreeSet<String>();
        var kiePackage = base.kieBase(step).getKiePackage(step.packageName());
        if (kiePackage != null) {
            kiePackage.getRules().forEach(r -> names.add(r.getName()));
        }
        return names;
    }
}
