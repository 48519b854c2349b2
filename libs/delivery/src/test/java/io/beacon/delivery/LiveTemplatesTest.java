package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.delivery.ProfilesClient.Recipient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveTemplatesTest {

    private static final Recipient JANE = new Recipient("C-1", "Jane", "en", "+447700900123", false);

    @TempDir
    Path folder;

    @Test
    void aGoodChangeGoesLiveWithoutARestart() throws Exception {
        LiveTemplates live = live();
        String before = live.current().version();

        Files.writeString(folder.resolve("sms/en.yml"), Files.readString(folder.resolve("sms/en.yml"))
                .replace("matures soon", "matures in a fortnight"));
        live.poll(); // seen
        live.poll(); // settled: judged and swapped in

        assertThat(live.current().version()).isNotEqualTo(before);
        assertThat(text(live)).isEqualTo("Beacon Bank en: Jane, the travel card matures in a fortnight. Reply STOP");
        assertThat(live.status().lastRejection()).isNull();
    }

    @Test
    void aBadChangeKeepsThePreviousSetServingAndIsReportedWithEveryProblem() throws Exception {
        LiveTemplates live = live();
        String before = live.current().version();

        Files.writeString(folder.resolve("sms/zh-CN.yml"), Files.readString(folder.resolve("sms/zh-CN.yml"))
                .replace("{{firstName}}, {{productName}} matures", "{{fristName}}, {{productName}} matures"));
        Files.delete(folder.resolve("sms/es.yml"));
        live.reload();

        assertThat(live.current().version()).isEqualTo(before);
        assertThat(text(live)).isEqualTo("Beacon Bank en: Jane, the travel card matures soon. Reply STOP");
        LiveTemplates.Status status = live.status();
        assertThat(status.version()).isEqualTo(before);
        assertThat(status.lastRejection().version()).isNotEqualTo(before);
        assertThat(status.lastRejection().problems()).contains(
                new ContentProblem("content/sms/zh-CN.yml", "zh-CN", "maturity-reminder-sms",
                        "unknown placeholder {{fristName}} (known: [amount, bankName, firstName, personalNote, productName, validUntil])"),
                new ContentProblem("content/sms/es.yml", "es", "-", "is missing: every content set has [en, zh-CN, es]"));
    }

    @Test
    void aCheckAnswersTheProblemsOfAProposedTreeAndTouchesNothing() throws Exception {
        LiveTemplates live = live();
        String before = live.current().version();
        var proposal = new TreeMap<>(ContentFiles.read(folder).all());
        proposal.put("sms/en.yml", proposal.get("sms/en.yml").replace("Reply STOP\"", "\""));

        LiveTemplates.CheckResult result = live.check(proposal);

        assertThat(result.version()).isNotEqualTo(before);
        assertThat(result.problems()).contains(new ContentProblem("content/sms/en.yml", "en", "maturity-reminder-sms",
                "no way out (for TERM_DEPOSIT_12M)"));
        assertThat(live.current().version()).isEqualTo(before);
        assertThat(live.status().lastRejection()).isNull();
        assertThat(live.check(ContentFiles.read(folder).all())).isEqualTo(new LiveTemplates.CheckResult(before, List.of()));
    }

    /** ADR 0029: a proposal's report shows exactly the messages it changes, and the offers its replay makes more often. */
    @Test
    void aCheckRendersTheMessagesAProposalChangesAndTheOffersItMakesMoreOften() throws Exception {
        LiveTemplates live = live();
        var proposal = new TreeMap<>(ContentFiles.read(folder).all());
        proposal.put("sms/es.yml", proposal.get("sms/es.yml").replace("travel-card-generic-sms: \"{{bankName}} es: {{productName}}. Reply STOP\"",
                "travel-card-generic-sms: \"{{bankName}} es: {{productName}}, sin comisiones. Reply STOP\""));

        RenderedChanges.Messages rendered = live.check(proposal, List.of("TERM_DEPOSIT_12M")).rendered();

        assertThat(rendered.count()).isEqualTo(4);
        RenderedChanges.Message changed = rendered.shown().get(0);
        assertThat(changed).extracting(RenderedChanges.Message::template, RenderedChanges.Message::offer, RenderedChanges.Message::locale,
                        RenderedChanges.Message::personalised, RenderedChanges.Message::why)
                .containsExactly("travel-card-generic-sms", "TRAVEL_CARD", "es", false, RenderedChanges.Why.CHANGED);
        assertThat(changed.parts().get("text")).startsWith("Beacon Bank es: ").endsWith(", sin comisiones. Reply STOP");
        assertThat(rendered.shown().subList(1, 4)).allSatisfy(m -> {
            assertThat(m.why()).isEqualTo(RenderedChanges.Why.OFFERED);
            assertThat(m.template()).isEqualTo("term-deposit-intro-sms");
            assertThat(m.parts().get("text")).contains("Hi Jane");
        }).extracting(RenderedChanges.Message::locale).containsExactly("en", "zh-CN", "es");
        assertThat(live.check(ContentFiles.read(folder).all()).rendered().count()).isZero();

        // a message the proposal rewrites and offers more often is shown once, as changed
        var warmer = new TreeMap<>(ContentFiles.read(folder).all());
        warmer.put("sms/es.yml", warmer.get("sms/es.yml").replace("travel-card-intro-sms: \"{{bankName}} es: Hi {{firstName}}",
                "travel-card-intro-sms: \"{{bankName}} es: Hola {{firstName}}"));
        assertThat(live.check(warmer, List.of("TRAVEL_CARD")).rendered().shown())
                .extracting(RenderedChanges.Message::template, RenderedChanges.Message::locale, RenderedChanges.Message::why)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("travel-card-intro-sms", "es", RenderedChanges.Why.CHANGED),
                        org.assertj.core.groups.Tuple.tuple("travel-card-intro-sms", "en", RenderedChanges.Why.OFFERED),
                        org.assertj.core.groups.Tuple.tuple("travel-card-intro-sms", "zh-CN", RenderedChanges.Why.OFFERED));
    }

    @Test
    void aBadSetAtStartRefusesTheStart() throws Exception {
        TestContent.copy(TestContent.fixture("good-content"), folder);
        Files.delete(folder.resolve("sms/zh-CN.yml"));
        assertThatThrownBy(() -> new LiveTemplates(Channel.SMS, folder, Duration.ofSeconds(2), false, LiveTemplatesTest::load, Clock.systemUTC()))
                .isInstanceOf(TemplateRejectedException.class).hasMessageContaining("content/sms/zh-CN.yml, zh-CN, -: is missing");
    }

    private LiveTemplates live() {
        TestContent.copy(TestContent.fixture("good-content"), folder);
        return new LiveTemplates(Channel.SMS, folder, Duration.ofSeconds(2), false, LiveTemplatesTest::load, Clock.systemUTC());
    }

    private static MessageTemplates load(ContentFiles files) {
        return MessageTemplates.load(files, Channel.SMS, "Beacon Bank", Map.of(),
                (locale, parts, layout) -> parts.get("text").contains("STOP") ? List.of() : List.of("no way out"));
    }

    private static String text(LiveTemplates live) {
        return live.current().render("TRAVEL_CARD", JANE, true, LocalDate.of(2026, 11, 22), Map.of(), null, "maturity-reminder-sms").part("text");
    }
}
