package io.beacon.decisioning.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
