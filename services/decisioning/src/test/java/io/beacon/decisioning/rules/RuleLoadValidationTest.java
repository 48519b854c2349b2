package io.beacon.decisioning.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused at load with file, line and reason: the catalogue's schema, and products rules name. */
public class RuleLoadValidationTest {

    static final Path RULES = Path.of("../../rules");

    @Test
    void shippedRulesAndCatalogueLoadWithTemplatesAndTheGenericVariant() throws java.io.IOException {
        RuleBase base = RuleBase.load(RULES);

        Product saver = base.product("EASY_SAVER").orElseThrow();
        assertThat(saver.getTemplates().get("sms")).containsKeys("en", "zh-CN");
        assertThat(saver.getNonPersonalised().getTemplates()).containsKeys("sms", "push", "email");
        assertThat(base.catalogueVersion()).as("the version the catalogue file declares")
                .isEqualTo(io.beacon.contracts.Json.mapper().readTree(read(RULES.resolve(RuleBase.CATALOGUE))).get("version").asText());
        assertThat(CatalogueValidator.validate("offers.json", read(RULES.resolve(RuleBase.CATALOGUE)))).isEmpty();
    }

    @Test
    void channelWithoutTemplateIsRefusedWithPointerAndLine(@TempDir Path rules) throws IOException {
        copyShipped(rules);
        String catalogue = Files.readString(rules.resolve(RuleBase.CATALOGUE));
        // The first offer's sms templates go; sms stays among its channels.
        String broken = catalogue.replaceFirst("\"sms\": \\{\"en\": \"easy-saver-intro-sms\", \"zh-CN\": \"easy-saver-intro-sms\"},\\s*", "");
        assertThat(broken).isNotEqualTo(catalogue);
        Files.writeString(rules.resolve(RuleBase.CATALOGUE), broken);

        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOfSatisfying(RuleBase.RulesRejectedException.class, e -> {
            assertThat(e.details()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo("catalogue/offers.json");
                assertThat(p.pointer()).isEqualTo("/offers/0/templates/sms");
                assertThat(p.line()).isEqualTo(lineOf(broken, "\"templates\": {"));
            });
            assertThat(e.problems()).contains("catalogue/offers.json:" + lineOf(broken, "\"templates\": {")
                    + ": /offers/0/templates/sms: required property 'sms' not found");
        });
    }

    @Test
    void valuesOutsideTheSchemaAreRefusedNamingTheirField(@TempDir Path rules) throws IOException {
        copyShipped(rules);
        String catalogue = Files.readString(rules.resolve(RuleBase.CATALOGUE))
                .replace("\"riskRating\": 4", "\"riskRating\": 6")
                .replace("\"category\": \"FX_TRAVEL_CARD\"", "\"category\": \"CRYPTO\"");
        Files.writeString(rules.resolve(RuleBase.CATALOGUE), catalogue);

        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOfSatisfying(RuleBase.RulesRejectedException.class, e -> {
            assertThat(e.details()).extracting(RuleProblem::pointer).contains("/offers/1/riskRating", "/offers/2/category");
            assertThat(e.details()).filteredOn(p -> "/offers/1/riskRating".equals(p.pointer()))
                    .extracting(RuleProblem::line).containsOnly(lineOf(catalogue, "\"riskRating\": 6"));
        });
    }

    @Test
    void anOfferWithoutASuitabilityRegimeIsRefusedSayingWhatToAdd(@TempDir Path rules) throws IOException {
        copyShipped(rules);
        String catalogue = Files.readString(rules.resolve(RuleBase.CATALOGUE)).replace("      \"suitabilityRegime\": \"card\",\n", "");
        Files.writeString(rules.resolve(RuleBase.CATALOGUE), catalogue);

        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOfSatisfying(RuleBase.RulesRejectedException.class, e ->
                assertThat(e.problems()).containsExactly("catalogue/offers.json:" + (lineOf(catalogue, "\"code\": \"TRAVEL_CARD\"") - 1) + ": "
                        + "/offers/2/suitabilityRegime: the offer has no suitabilityRegime: say which suitability checks govern it, "
                        + "one of investment, credit, card, deposit"));
    }

    @Test
    void aFundOrACreditProductUnderAnotherRegimeIsRefused(@TempDir Path rules) throws IOException {
        copyShipped(rules);
        String catalogue = Files.readString(rules.resolve(RuleBase.CATALOGUE))
                .replace("\"suitabilityRegime\": \"investment\"", "\"suitabilityRegime\": \"deposit\"")
                .replace("\"suitabilityRegime\": \"credit\"", "\"suitabilityRegime\": \"card\"");
        Files.writeString(rules.resolve(RuleBase.CATALOGUE), catalogue);

        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOfSatisfying(RuleBase.RulesRejectedException.class, e ->
                assertThat(e.problems()).containsExactly(
                        "catalogue/offers.json:" + lineOf(catalogue, "\"suitabilityRegime\": \"deposit\"", 2)
                                + ": /offers/1/suitabilityRegime: a INVESTMENT_FUND is judged under the investment regime, not deposit",
                        "catalogue/offers.json:" + lineOf(catalogue, "\"suitabilityRegime\": \"card\"", 2)
                                + ": /offers/4/suitabilityRegime: a CREDIT_CARD is judged under the credit regime, not card"));
    }

    @Test
    void aSuitabilityRuleNamingAnUnknownRegimeIsRefusedWithFileAndLine(@TempDir Path rules) throws IOException {
        copyShipped(rules);
        Path drl = rules.resolve("suitability/suitability.drl");
        String text = Files.readString(drl).replace("suitabilityRegime == \"card\" )\n    CustomerFact( minor )",
                "suitabilityRegime == \"cards\" )\n    CustomerFact( minor )");
        Files.writeString(drl, text);

        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOfSatisfying(RuleBase.RulesRejectedException.class, e ->
                assertThat(e.problems()).containsExactly("suitability/suitability.drl:" + lineOf(text, "\"cards\"")
                        + ": unknown suitability regime cards: one of investment, credit, card, deposit"));
    }

    @Test
    void malformedCatalogueIsRefusedWithItsLine(@TempDir Path rules) throws IOException {
        copyShipped(rules);
        Files.writeString(rules.resolve(RuleBase.CATALOGUE), "{\n  \"version\": \"x\",\n  \"offers\": [\n    {,\n  ]\n}\n");

        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOfSatisfying(RuleBase.RulesRejectedException.class, e ->
                assertThat(e.details()).anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("catalogue/offers.json");
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.reason()).startsWith("malformed JSON");
                }));
    }

    @Test
    void ruleNamingAProductMissingFromTheCatalogueIsRefusedWithFileAndLine(@TempDir Path rules) throws IOException {
        copyShipped(rules);
        Files.writeString(rules.resolve("triggers/maturing.drl"), """
                package io.beacon.rules.triggers

                import io.beacon.decisioning.rules.EventFact

                global io.beacon.decisioning.rules.Decisions decisions

                rule "MaturingDepositTriggersRollover"
                when
                    EventFact( type == "bank.term-deposit.maturing" )
                then
                    decisions.trigger("TermDepositMaturing", "NO_SUCH_DEPOSIT", drools.getRule().getName());
                end
                """);

        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOfSatisfying(RuleBase.RulesRejectedException.class, e ->
                assertThat(e.details()).containsExactly(new RuleProblem("triggers/maturing.drl", 11, null,
                        "unknown product NO_SUCH_DEPOSIT: not in catalogue/offers.json")));
    }

    @Test
    void everyProblemOfEveryFileIsReportedTogether(@TempDir Path rules) throws IOException {
        copyShipped(rules);
        Files.writeString(rules.resolve(RuleBase.CATALOGUE),
                Files.readString(rules.resolve(RuleBase.CATALOGUE)).replace("\"stage\": \"attract\"", "\"stage\": \"later\""));
        Files.writeString(rules.resolve("broken.drl"), "package io.beacon.rules.broken\nrule \"Broken\"\nwhen\n    NoSuchFact( )\nthen\nend\n");

        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOfSatisfying(RuleBase.RulesRejectedException.class, e ->
                assertThat(e.details()).extracting(RuleProblem::file).contains("catalogue/offers.json", "broken.drl"));
    }

    public static void copyShipped(Path target) throws IOException {
        for (String file : List.of("triggers/salary.drl", "suitability/suitability.drl", RuleBase.CATALOGUE)) {
            Files.createDirectories(target.resolve(file).getParent());
            Files.copy(RULES.resolve(file), target.resolve(file));
        }
    }

    /** The line of the {@code nth} occurrence (1 the first). */
    static int lineOf(String text, String needle, int nth) {
        int at = -1;
        for (int i = 0; i < nth; i++) {
            at = text.indexOf(needle, at + 1);
            assertThat(at).as(needle + " #" + nth).isNotNegative();
        }
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertThat(at).as(needle).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
