package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.delivery.ProfilesClient.Recipient;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    private static final String PERSONAL = "[amount, bankName, firstName, personalNote, preferencesLink, productName, validUntil]";
    private static final String GENERIC = "[amount, bankName, personalNote, preferencesLink, productName, validUntil]";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void refusesABrokenSetNamingFileLocaleAndPlaceOfEveryProblem() {
        assertThatThrownBy(() -> MessageTemplates.load(ContentFiles.read(TestContent.fixture("broken-content")), Channel.PUSH, "Beacon Bank",
                Map.of("preferencesLink", "beacon://preferences"), (locale, parts, layout) -> List.of()))
                .isInstanceOfSatisfying(TemplateRejectedException.class, e -> assertThat(e.problems()).contains(
                        // a misspelt placeholder: file, locale, template and part, and the placeholder itself
                        new ContentProblem("content/push/zh-CN.yml", "zh-CN", "term-deposit-intro-push.body",
                                "unknown placeholder {{fristName}} (known: " + PERSONAL + ")"),
                        // found in the template's tree, even inside a section no sample would enter
                        new ContentProblem("content/push/zh-CN.yml", "zh-CN", "term-deposit-generic-push.body",
                                "unknown placeholder {{interestRate}} (known: " + GENERIC + ")"),
                        new ContentProblem("content/push/en.yml", "en", "term-deposit-generic-push.body",
                                "unknown placeholder {{firstName}} (a generic template uses nothing of the customer's own; known: " + GENERIC + ")"),
                        // a missing locale
                        new ContentProblem("content/push/es.yml", "es", "-", "is missing: every content set has [en, zh-CN, es]"),
                        new ContentProblem("content/push/es.yml", "es", "term-deposit-intro-push", "is missing (TERM_DEPOSIT_12M is offered on push)"),
                        // a step's template without its generic counterpart
                        new ContentProblem("content/push/en.yml", "en", "maturity-reminder-generic-push", "is missing: the generic variant "
                                + "(for a customer who refused profiling or has no first name) must exist in every locale")))
                .hasMessageStartingWith("push templates refused (")
                .hasMessageContaining("content/push/zh-CN.yml, zh-CN, term-deposit-intro-push.body: unknown placeholder {{fristName}}");
    }

    @Test
    void refusesATemplateOfNoOfferAndNoStepAndAChannelRuleOnTheSample() {
        ContentFiles content = TestContent.with(good(), Map.of("sms/es.yml", good().text("sms/es.yml").orElseThrow()
                + "orphan-sms: \"{{bankName}}. Reply STOP\"\n"));
        assertThatThrownBy(() -> MessageTemplates.load(content, Channel.SMS, "Beacon Bank", Map.of(),
                (locale, parts, layout) -> parts.get("text").length() > 60 ? List.of("longer than 60") : List.of()))
                .isInstanceOfSatisfying(TemplateRejectedException.class, e -> assertThat(e.problems()).contains(
                        new ContentProblem("content/sms/es.yml", "es", "orphan-sms", "belongs to no offer in offers.yml and no step in steps.yml"),
                        new ContentProblem("content/sms/en.yml", "en", "term-deposit-warm-sms", "longer than 60"),
                        // a step's template serves any offer: the sample says which one broke the rule
                        new ContentProblem("content/sms/en.yml", "en", "maturity-reminder-sms", "longer than 60 (for TERM_DEPOSIT_12M)")));
    }

    @Test
    void aStepsTemplateIsSentWithItsGenericCounterpartForACustomerWhoRefusedProfilingOrHasNoName() {
        MessageTemplates templates = load();
        Recipient jane = new Recipient("C-1", "Jane", "en-GB", "+447700900123", false);

        var personalised = templates.render("TRAVEL_CARD", jane, true, TODAY, Map.of(), null, "maturity-reminder-sms");
        assertThat(personalised.template()).isEqualTo("maturity-reminder-sms");
        assertThat(personalised.part("text")).isEqualTo("Beacon Bank en: Jane, the travel card matures soon. Reply STOP");
        assertThat(templates.render("TRAVEL_CARD", jane, false, TODAY, Map.of(), null, "maturity-reminder-sms").template())
                .isEqualTo("maturity-reminder-generic-sms");
        var nameless = new Recipient("C-1", " ", "zh-CN", "+447700900123", false);
        assertThat(templates.render("TERM_DEPOSIT_12M", nameless, true, TODAY, Map.of(), null, "maturity-reminder-sms").part("text"))
                .isEqualTo("Beacon Bank zh-CN: 12个月定期存款 matures soon. Reply STOP");
    }

    @Test
    void anExperimentsVariantReplacesTheOffersOwnMessageOnlyNeverAStepsOwn() {
        MessageTemplates templates = load();
        Recipient jane = new Recipient("C-1", "Jane", "en", "+447700900123", false);
        assertThat(templates.render("TERM_DEPOSIT_12M", jane, true, TODAY, Map.of(), "warm", "term-deposit-intro-sms").template())
                .isEqualTo("term-deposit-warm-sms");
        assertThat(templates.render("TERM_DEPOSIT_12M", jane, true, TODAY, Map.of(), "warm", "campaign-offer-sms").template())
                .as("offers-own stands for the offer's own message").isEqualTo("term-deposit-warm-sms");
        assertThat(templates.render("TRAVEL_CARD", jane, true, TODAY, Map.of(), null, "campaign-offer-sms").template())
                .isEqualTo("travel-card-intro-sms");
        assertThat(templates.render("TERM_DEPOSIT_12M", jane, true, TODAY, Map.of(), "warm", "maturity-reminder-sms").template())
                .isEqualTo("maturity-reminder-sms");
        assertThat(templates.variesWithExperiments("term-deposit-intro-sms", "TERM_DEPOSIT_12M")).isTrue();
        assertThat(templates.variesWithExperiments("campaign-offer-sms", "TERM_DEPOSIT_12M")).isTrue();
        assertThat(templates.variesWithExperiments("maturity-reminder-sms", "TERM_DEPOSIT_12M")).isFalse();
        assertThat(templates.variesWithExperiments("term-deposit-generic-sms", "TERM_DEPOSIT_12M")).isFalse();
    }

    @Test
    void aHeaderNamingNoTemplateOrAnotherOffersIsRefusedNamingIt() {
        MessageTemplates templates = load();
        Recipient jane = new Recipient("C-1", "Jane", "en", "+447700900123", false);
        assertThatThrownBy(() -> templates.render("TERM_DEPOSIT_12M", jane, true, TODAY, Map.of(), null, "maturity-reminder-v2-sms"))
                .isInstanceOf(UnknownTemplateException.class)
                .hasMessage("no sms template 'maturity-reminder-v2-sms' in content version " + templates.version());
        assertThat(templates.refused("travel-card-intro-sms", "TERM_DEPOSIT_12M"))
                .contains("sms template 'travel-card-intro-sms' is TRAVEL_CARD's; this send is for TERM_DEPOSIT_12M");
        assertThat(templates.refused("maturity-reminder-push", "TERM_DEPOSIT_12M")).get().asString()
                .contains("'maturity-reminder-push'").contains("ends in -sms");
        assertThat(templates.refused("maturity-reminder-sms", "TERM_DEPOSIT_12M")).isEmpty();
    }

    @Test
    void listsEveryTemplateWithWhatItIsAndItsGenericCounterpart() {
        assertThat(load().templates()).contains(
                new MessageTemplates.TemplateInfo("maturity-reminder-sms", MessageTemplates.Kind.STEP, null, "maturity-reminder-generic-sms",
                        List.of("en", "zh-CN", "es")),
                new MessageTemplates.TemplateInfo("term-deposit-warm-sms", MessageTemplates.Kind.VARIANT, "TERM_DEPOSIT_12M",
                        "term-deposit-generic-sms", List.of("en", "zh-CN", "es")));
        assertThat(load().offersOwn()).containsExactly("campaign-offer-sms");
    }

    @Test
    void theVersionIsADigestOfTheFilesTheChannelReads() {
        String version = load().version();
        ContentFiles withPush = TestContent.with(good(), Map.of("push/en.yml", "{}", "README.md", "# notes"));
        assertThat(MessageTemplates.load(withPush, Channel.SMS, "Beacon Bank", Map.of(), (l, p, x) -> List.of()).version())
                .as("another channel's file and the README change nothing for SMS").isEqualTo(version);
        ContentFiles changed = TestContent.with(good(), Map.of("products/en.yml", "TERM_DEPOSIT_12M: a deposit\nTRAVEL_CARD: a card\n"));
        assertThat(MessageTemplates.load(changed, Channel.SMS, "Beacon Bank", Map.of(), (l, p, x) -> List.of()).version()).isNotEqualTo(version);
    }

    @Test
    void picksTheClosestLocaleAndFallsBackToEnglish() {
        assertThat(MessageTemplates.closest(Locale.forLanguageTag("zh-CN")).toLanguageTag()).isEqualTo("zh-CN");
        assertThat(MessageTemplates.closest(Locale.forLanguageTag("zh-HK")).toLanguageTag()).isEqualTo("zh-CN");
        assertThat(MessageTemplates.closest(Locale.forLanguageTag("es-MX")).toLanguageTag()).isEqualTo("es");
        assertThat(MessageTemplates.closest(Locale.forLanguageTag("en-GB")).toLanguageTag()).isEqualTo("en");
        assertThat(MessageTemplates.closest(Locale.forLanguageTag("de-DE")).toLanguageTag()).isEqualTo("en");
    }

    static ContentFiles good() {
        return ContentFiles.read(TestContent.fixture("good-content"));
    }

    static MessageTemplates load() {
        return MessageTemplates.load(good(), Channel.SMS, "Beacon Bank", Map.of(), (locale, parts, layout) -> List.of());
    }
}
