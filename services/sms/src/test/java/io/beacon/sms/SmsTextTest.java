package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.delivery.MessageTemplates.Rendered;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.delivery.TemplateRejectedException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    static final Clock NOV_22 = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private final SmsText text = SmsText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", 3, NOV_22);

    @Test
    void namesTheBankGreetsTheCustomerFormatsAmountAndDateAndOffersTheWayOut() {
        assertThat(render("en-GB", true).part("text")).isEqualTo(
                "Beacon Bank: Hi Jane, our 12-month fixed-rate deposit is available for you from £1,000.00 until 6 December 2026. Reply STOP to opt out");
    }

    @Test
    void speaksTheCustomersLanguageWithItsOwnFormats() {
        Rendered chinese = render("zh-CN", true);
        assertThat(chinese.locale().toLanguageTag()).isEqualTo("zh-CN");
        assertThat(chinese.part("text")).isEqualTo("【Beacon Bank】Jane您好，12个月定期存款£1,000.00起存，2026年12月6日前有效。回复STOP退订");
        assertThat(render("es-ES", true).part("text")).contains("Hola Jane", "1.000,00\u00a0GBP", "6 de diciembre de 2026", "Responde STOP");
        assertThat(render("en-US", true).part("text")).contains("December 6, 2026");
        assertThat(render("fr-FR", true).locale().toLanguageTag()).as("no French templates: English").isEqualTo("en");
    }

    @Test
    void usesNothingOfTheCustomersOwnInTheGenericVariant() {
        Rendered generic = render("en-GB", false);
        assertThat(generic.personalised()).isFalse();
        assertThat(generic.template()).isEqualTo("term-deposit-generic-sms");
        assertThat(generic.part("text")).doesNotContain("Jane").contains("Reply STOP to opt out");
        var refusedProfiling = new Recipient("C-1", "Jane", "en-GB", "+447700900123", true);
        assertThat(text.offer(Requests.salaryCreditedOffer(), refusedProfiling).part("text")).doesNotContain("Jane");
    }

    @Test
    void greetsWithoutANameWhenTheProfileHasNone() {
        var nameless = new Recipient("C-1", null, "en-GB", "+447700900123", false);
        assertThat(text.render("TERM_DEPOSIT_12M", nameless, true).template()).isEqualTo("term-deposit-generic-sms");
    }

    @Test
    void refusesTemplatesLongerThanTheConfiguredSegmentsAtLoad() {
        assertThatThrownBy(() -> SmsText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", 1, NOV_22))
                .isInstanceOf(TemplateRejectedException.class)
                .hasMessageContaining("content/sms/es.yml, es, travel-card-intro-sms: needs 3 segments as UCS_2")
                .hasMessageContaining("more than beacon.sms.max-segments = 1");
    }

    @Test
    void refusesAnSmsOverItsSegmentBudgetOrWithoutItsWayOutNamingFileLocaleAndTemplate() {
        String english = io.beacon.delivery.TestContent.repository().text("sms/en.yml").orElseThrow();
        var content = io.beacon.delivery.TestContent.repositoryWith(java.util.Map.of("sms/en.yml", english
                .replace("Apply by {{validUntil}}. Reply STOP to opt out\"\ntravel-card-generic-sms",
                        "Apply by {{validUntil}}. " + "Terms apply. ".repeat(30) + "Reply STOP to opt out\"\ntravel-card-generic-sms")
                .replace("is available until {{validUntil}}. Reply STOP to opt out\"\ncredit-card-generic-sms",
                        "is available until {{validUntil}}.\"\ncredit-card-generic-sms")));
        assertThatThrownBy(() -> SmsText.load(content, "Beacon Bank", 3, NOV_22))
                .isInstanceOfSatisfying(TemplateRejectedException.class, e -> {
                    assertThat(e.problems()).extracting(io.beacon.delivery.ContentProblem::toString).anySatisfy(p -> assertThat(p)
                            .startsWith("content/sms/en.yml, en, travel-card-intro-sms: needs 4 segments as GSM_7")
                            .endsWith("more than beacon.sms.max-segments = 3"));
                    assertThat(e.problems()).contains(new io.beacon.delivery.ContentProblem("content/sms/en.yml", "en", "credit-card-intro-sms",
                            "does not carry the way out (the keyword STOP)"));
                    assertThat(e.problems()).hasSize(2);
                });
    }

    @Test
    void rendersTheTemplateAJourneyStepNamesAndTheCampaignsOffersOwn() {
        var request = Requests.salaryCreditedOffer().withTemplate("term-deposit-intro-sms");
        assertThat(text.offer(request, jane("en-GB")).template()).isEqualTo("term-deposit-intro-sms");
        assertThat(text.render("TRAVEL_CARD", jane("es"), true, null, "campaign-offer-by-product-sms").template())
                .as("the campaign journey's header stands for the offer's own message").isEqualTo("travel-card-intro-sms");
        assertThat(text.render("TRAVEL_CARD", jane("es"), false, null, "campaign-offer-by-product-sms").template())
                .isEqualTo("travel-card-generic-sms");
        assertThatThrownBy(() -> text.offer(Requests.salaryCreditedOffer().withTemplate("term-deposit-renewal-sms"), jane("en")))
                .isInstanceOf(io.beacon.delivery.UnknownTemplateException.class).hasMessageContaining("no sms template 'term-deposit-renewal-sms'");
    }

    @Test
    void everyTemplateAShippedJourneyStepNamesIsKnown() throws Exception {
        try (var journeys = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("../../workflows"), "*.bpmn")) {
            for (var journey : journeys) {
                var headers = java.util.regex.Pattern.compile("key=\"template\" value=\"([^\"]+-sms)\"").matcher(java.nio.file.Files.readString(journey));
                while (headers.find()) {
                    assertThat(text.templates().knows(headers.group(1))).as(journey.getFileName() + " names " + headers.group(1)).isTrue();
                }
            }
        }
    }

    @Test
    void refusesAnOfferWithoutASmsTemplateAtSendTimeWithAClearMessage() {
        assertThatThrownBy(() -> text.render("PERSONAL_LOAN", jane("en-GB"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no sms template for product 'PERSONAL_LOAN'");
    }

    @Test
    void carriesTheRelationshipManagersNoteOnlyWhenTheOfferWasApprovedWithOne() {
        var approved = new io.beacon.delivery.DeliveryRequest(io.beacon.delivery.Channel.SMS, "C-1", "GLOBAL_EQUITY_FUND", "LargeDeposit",
                "large-deposit-investment", "1", "Task_SendSms", "evt-1", "dec-1", "  Call me on Friday to talk it through.  ");
        assertThat(text.offer(approved, jane("en-GB")).part("text")).isEqualTo("Beacon Bank: Hi Jane, the Global Equity Fund is open from "
                + "£500.00 until 6 December 2026. Capital at risk. Your relationship manager: Call me on Friday to talk it through. Reply STOP to opt out");
        var withoutNote = new io.beacon.delivery.DeliveryRequest(io.beacon.delivery.Channel.SMS, "C-1", "GLOBAL_EQUITY_FUND", "LargeDeposit",
                "large-deposit-investment", "1", "Task_SendSms", "evt-1", "dec-1", " ");
        assertThat(text.offer(withoutNote, jane("en-GB")).part("text")).doesNotContain("relationship manager").endsWith("Capital at risk. Reply STOP to opt out");
        assertThat(text.offer(approved, jane("zh-CN")).part("text")).contains("客户经理留言：Call me on Friday").endsWith("回复STOP退订");
    }

    @Test
    void hasEveryTemplateTheOfferCatalogueNamesForSms() throws Exception {
        var catalogue = io.beacon.contracts.Json.mapper().readTree(java.nio.file.Path.of("../../rules/catalogue/offers.json").toFile());
        for (var offer : catalogue.get("offers")) {
            String code = offer.get("code").asText();
            for (var variant : java.util.List.of(offer.path("templates"), offer.path("nonPersonalised").path("templates"))) {
                variant.path("sms").properties().forEach(named -> {
                    Rendered rendered = text.render(code, jane(named.getKey()), variant == offer.path("templates"));
                    assertThat(rendered.template()).as(code + " " + named.getKey()).isEqualTo(named.getValue().asText());
                    assertThat(rendered.locale().toLanguageTag()).isEqualTo(named.getKey());
                });
            }
        }
    }

    @Test
    void rendersAnExperimentsContentVariantToPersonalisedCustomersOnly() {
        assertThat(text.variants("EASY_SAVER")).containsExactly("goal");
        assertThat(text.render("EASY_SAVER", jane("en-GB"), true, "goal").part("text")).startsWith("Beacon Bank: Hi Jane, set a savings goal today");
        assertThat(text.render("EASY_SAVER", jane("zh-CN"), true, "goal").part("text")).contains("储蓄目标");
        assertThat(text.render("EASY_SAVER", jane("en-GB"), true, "default").template()).isEqualTo("easy-saver-intro-sms");
        // a customer who refused profiling gets the generic message, whichever variant they were assigned
        assertThat(text.render("EASY_SAVER", jane("en-GB"), false, "goal").template()).isEqualTo("easy-saver-generic-sms");
        assertThatThrownBy(() -> text.render("EASY_SAVER", jane("en-GB"), true, "shouty"))
                .hasMessageContaining("no sms content variant 'shouty' for EASY_SAVER");
    }

    private Rendered render(String language, boolean personalised) {
        return text.render("TERM_DEPOSIT_12M", jane(language), personalised);
    }

    private static Recipient jane(String language) {
        return new Recipient("C-1001", "Jane", language, "+447700900123", false);
    }
}
