package io.beacon.profiles.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagDefinitionLoaderTest {

    @Test
    void loadsTheShippedDefinitions() {
        PersonaTags shipped = TagDefinitionLoader.load(Path.of("../../rules"));
        assertThat(shipped.names()).containsExactlyInAnyOrder("salaryCreditedTwiceIn60Days", "cardSpendAbroadIn90Days",
                "cardSpend1000In30Days", "age25to35", "noDigitalLoginFor60Days");
        assertThat(shipped.version()).hasSize(12);
    }

    @Test
    void refusesAConditionNamingAnUnknownEventField() {
        assertThat(problems(tag("\"kind\": \"count\", \"event\": \"bank.transaction.posted\", \"when\": \"merchantCounty = \\\"FR\\\"\", \"windowDays\": 30, \"atLeast\": 1")))
                .singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo("tags/t.json");
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.pointer()).isEqualTo("/tags/0/when");
                    assertThat(p.reason()).contains("FEEL").contains("merchantCounty");
                });
    }

    @Test
    void refusesAConditionNamingAnUnknownCustomerAttribute() {
        assertThat(problems(tag("\"kind\": \"count\", \"event\": \"bank.transaction.posted\", \"when\": \"customerIncome > 10\", \"windowDays\": 30, \"atLeast\": 1")))
                .singleElement().satisfies(p -> {
                    assertThat(p.pointer()).isEqualTo("/tags/0/when");
                    assertThat(p.reason()).contains("customerIncome").contains("customerCountry");
                });
    }

    @Test
    void refusesAConditionThatIsNotFeel() {
        assertThat(problems(tag("\"kind\": \"count\", \"event\": \"bank.transaction.posted\", \"when\": \"category == 'SALARY' &&\", \"windowDays\": 30, \"atLeast\": 1")))
                .singleElement().satisfies(p -> {
                    assertThat(p.pointer()).isEqualTo("/tags/0/when");
                    assertThat(p.reason()).startsWith("FEEL: ");
                });
    }

    @Test
    void refusesABadWindow() {
        assertThat(problems(tag("\"kind\": \"count\", \"event\": \"bank.transaction.posted\", \"windowDays\": 0, \"atLeast\": 1")))
                .singleElement().satisfies(p -> {
                    assertThat(p.pointer()).isEqualTo("/tags/0/windowDays");
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.reason()).contains("minimum");
                });
        assertThat(problems(tag("\"kind\": \"count\", \"event\": \"bank.transaction.posted\", \"windowDays\": \"P30D\", \"atLeast\": 1")))
                .extracting(TagProblem::pointer).contains("/tags/0/windowDays");
        assertThat(problems(tag("\"kind\": \"absence\", \"event\": \"bank.digital.login\"")))
                .extracting(TagProblem::pointer).contains("/tags/0/windowDays");
    }

    @Test
    void refusesASumOfAFieldThatIsNotANumber() {
        assertThat(problems(tag("\"kind\": \"sum\", \"event\": \"bank.transaction.posted\", \"sumOf\": \"currency\", \"windowDays\": 30, \"atLeast\": 1")))
                .singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("field currency of bank.transaction.posted is not a number"));
        assertThat(problems(tag("\"kind\": \"sum\", \"event\": \"bank.transaction.posted\", \"sumOf\": \"value\", \"windowDays\": 30, \"atLeast\": 1")))
                .singleElement().satisfies(p -> assertThat(p.reason()).startsWith("unknown field value of bank.transaction.posted"));
    }

    @Test
    void refusesAnUnknownEventTypeAnUnknownFieldAndAnUpsideDownAgeBand() {
        assertThat(problems(tag("\"kind\": \"count\", \"event\": \"bank.card.spent\", \"windowDays\": 30, \"atLeast\": 1")))
                .singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("unknown event type bank.card.spent"));
        assertThat(problems(tag("\"kind\": \"ageBand\", \"minAge\": 25, \"maxAge\": 35, \"window\": 3")))
                .singleElement().satisfies(p -> assertThat(p.reason()).contains("window"));
        assertThat(problems(tag("\"kind\": \"ageBand\", \"minAge\": 36, \"maxAge\": 25")))
                .singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("minAge 36 is above maxAge 25"));
    }

    @Test
    void refusesATagDefinedTwiceAcrossFilesAndMalformedJson() {
        String one = "{\"tags\": [{\"name\": \"age25to35\", \"kind\": \"ageBand\", \"minAge\": 25, \"maxAge\": 35}]}";
        assertThatThrownBy(() -> TagDefinitionLoader.load(Map.of("tags/a.json", bytes(one), "tags/b.json", bytes(one))))
                .isInstanceOfSatisfying(TagDefinitionLoader.TagsRejectedException.class, e -> assertThat(e.problems())
                        .extracting(TagProblem::toString).containsExactly("tags/b.json:1: /tags/0/name: tag age25to35 is defined more than once"));
        assertThatThrownBy(() -> TagDefinitionLoader.load(Map.of("tags/a.json", bytes("{\"tags\": [\n{\"name\": }]}"))))
                .isInstanceOfSatisfying(TagDefinitionLoader.TagsRejectedException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.line()).isEqualTo(2);
                            assertThat(p.reason()).startsWith("malformed JSON");
                        }));
    }

    @Test
    void aRefusedChangeKeepsThePreviousDefinitionsServingAndIsShownAsTheLastRejection(@TempDir Path rules) throws Exception {
        Path tags = Files.createDirectories(rules.resolve("tags"));
        Files.writeString(tags.resolve("tags.json"), "{\"tags\": [{\"name\": \"age25to35\", \"kind\": \"ageBand\", \"minAge\": 25, \"maxAge\": 35}]}");
        TagReloader reloader = new TagReloader(rules, Duration.ofSeconds(2), false);
        String first = reloader.get().version();
        assertThat(reloader.knownTags()).containsExactly("age25to35");

        // a good file beside a broken one: nothing of the change is taken
        Files.writeString(tags.resolve("more.json"), "{\"tags\": [{\"name\": \"loggedIn\", \"kind\": \"count\", \"event\": \"bank.digital.login\", \"windowDays\": 7, \"atLeast\": 1}]}");
        Files.writeString(tags.resolve("tags.json"), "{\"tags\": [{\"name\": \"age25to35\", \"kind\": \"ageBand\", \"minAge\": 25, \"maxAge\": 35, \"when\": \"age > 3\"}]}");
        reloader.poll();
        reloader.poll();
        assertThat(reloader.get().version()).isEqualTo(first);
        assertThat(reloader.knownTags()).containsExactly("age25to35");
        assertThat(reloader.lastRejected().problems()).singleElement()
                .satisfies(p -> assertThat(p.file()).isEqualTo("tags/tags.json"));

        Files.writeString(tags.resolve("tags.json"), "{\"tags\": [{\"name\": \"age25to35\", \"kind\": \"ageBand\", \"minAge\": 25, \"maxAge\": 35}]}");
        reloader.poll();
        reloader.poll();
        assertThat(reloader.get().version()).isNotEqualTo(first);
        assertThat(reloader.knownTags()).containsExactlyInAnyOrder("age25to35", "loggedIn");
    }

    private static List<TagProblem> problems(String file) {
        try {
            TagDefinitionLoader.load(Map.of("tags/t.json", bytes(file)));
        } catch (TagDefinitionLoader.TagsRejectedException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + file);
    }

    /** One definition named t on line 3, its other fields on line 4. */
    private static String tag(String fields) {
        return "{\n  \"tags\": [\n    {\"name\": \"tagOne\",\n     " + fields + "}\n  ]\n}";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
