package io.beacon.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.Json;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.platform.UnsubscribeTokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EmailTextTest {

    static final Clock NOV_22 = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private final UnsubscribeTokens tokens = new UnsubscribeTokens("test-secret-test-secret-test-secret");
    private final EmailText text = EmailText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", URI.create("https://bank.example/unsubscribe"), URI.create("https://bank.example/profiling"),
            tokens, null, NOV_22);

    @Test
    void carriesTheUnsubscribeLinkTheBankAndItsPostalAddressInBothParts() {
        OfferEmail email = text.render("TERM_DEPOSIT_12M", jane("en-GB"), true, "evt-1/1/Task/email");

        assertThat(email.unsubscribeUrl()).hasToString("https://bank.example/unsubscribe/" + tokens.tokenFor("C-1001") + "?lang=en");
        assertThat(email.subject()).isEqualTo("Beacon Bank: our 12-month fixed-rate deposit is available for you");
        assertThat(email.text()).contains("Hi Jane", "£1,000.00", "6 December 2026", "Beacon Bank, Beacon Bank plc, 1 Example Street, London",
                email.unsubscribeUrl().toString());
        assertThat(email.html()).contains("<a href=\"" + email.unsubscribeUrl() + "\">Unsubscribe</a>", "1 Example Street, London");
    }

    @Test
    void refusesAnEmailWithoutItsUnsubscribeOrProfilingLinkOrItsPlainTextPartNamingFileLocaleAndPlace() {
        var content = io.beacon.delivery.TestContent.repository();
        String spanishLayout = content.text("email/layout/es.yml").orElseThrow();
        String chinese = content.text("email/zh-CN.yml").orElseThrow();
        var broken = io.beacon.delivery.TestContent.with(content, java.util.Map.of(
                // a translator dropped the placeholders: the plain-text part would carry neither link
                "email/layout/es.yml", spanishLayout.replace("dese de baja: {{unsubscribeUrl}}", "dese de baja en la web")
                        .replace("ofertas generales): {{profilingUrl}}", "ofertas generales)"),
                // an HTML part without its plain-text part
                "email/zh-CN.yml", chinese.replace("""
                        travel-card-generic-email:
                          subject: "【{{bankName}}】{{productName}}境外消费免手续费"
                          text:""", """
                        travel-card-generic-email:
                          subject: "【{{bankName}}】{{productName}}境外消费免手续费"
                          html:""")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmailText.templates(broken, "Beacon Bank"))
                .isInstanceOfSatisfying(io.beacon.delivery.TemplateRejectedException.class, e -> assertThat(e.problems()).contains(
                        new io.beacon.delivery.ContentProblem("content/email/es.yml", "es", "term-deposit-intro-email",
                                "the plain-text part has no unsubscribe link (email/layout/es.yml unsubscribe-text must carry {{unsubscribeUrl}})"),
                        new io.beacon.delivery.ContentProblem("content/email/es.yml", "es", "term-deposit-generic-email",
                                "the plain-text part has no profiling link (email/layout/es.yml profiling-text must carry {{profilingUrl}})"),
                        new io.beacon.delivery.ContentProblem("content/email/zh-CN.yml", "zh-CN", "travel-card-generic-email",
                                "has no plain-text part (text): every email carries one, for the clients that show no HTML")));
    }

    @Test
    void refusesALayoutWithoutItsLinkTextOrWithAnUnknownPlaceholder() {
        var content = io.beacon.delivery.TestContent.repository();
        String layout = content.text("email/layout/en.yml").orElseThrow();
        var broken = io.beacon.delivery.TestContent.with(content, java.util.Map.of("email/layout/en.yml", layout
                .replace("unsubscribe-link: \"Unsubscribe\"\n", "")
                .replace("{{postalAddress}}.", "{{postalAdress}}.")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmailText.templates(broken, "Beacon Bank"))
                .isInstanceOfSatisfying(io.beacon.delivery.TemplateRejectedException.class, e -> assertThat(e.problems())
                        .extracting(io.beacon.delivery.ContentProblem::toString).contains(
                                "content/email/layout/en.yml, en, unsubscribe-link: is missing: the layout needs " + EmailText.LAYOUT_WORDS,
                                "content/email/layout/en.yml, en, footer: unknown placeholder {{postalAdress}} (known: [bankName, callToAction, "
                                        + "postalAddress, profilingUrl, unsubscribeUrl])"));
    }

    @Test
    void everyEmailInEveryLanguageOffersToRefuseProfilingThroughItsOwnTokenisedLink() {
        var profiling = tokens.profilingRefusal();
        for (String language : new String[] {"en-GB", "zh-CN", "es-ES"}) {
            for (boolean personalised : new boolean[] {true, false}) {
                OfferEmail email = text.render("TERM_DEPOSIT_12M", jane(language), personalised, "k");
                String link = email.profilingRefusalUrl().toString();
                assertThat(link).as(language).startsWith("https://bank.example/profiling/" + profiling.tokenFor("C-1001") + "?lang=");
                assertThat(email.text()).as(language).contains(link);
                assertThat(email.html()).as(language).contains("<a href=\"" + link + "\">");
                // its token is not the unsubscribe token, and opens only as a profiling refusal
                assertThat(link).doesNotContain(tokens.tokenFor("C-1001"));
            }
        }
        assertThat(text.render("TERM_DEPOSIT_12M", jane("zh-CN"), true, "k").html()).contains(">停止使用我的个人信息挑选优惠</a>");
        assertThat(text.render("TERM_DEPOSIT_12M", jane("es-ES"), true, "k").text()).contains("Para que dejemos de usar sus datos personales");
        assertThat(text.render("TERM_DEPOSIT_12M", jane("en-GB"), true, "k").text()).contains("To stop us using your personal data to choose offers");
    }

    @Test
    void speaksTheCustomersLanguageInTheTemplateAndTheLayout() {
        OfferEmail chinese = text.render("TERM_DEPOSIT_12M", jane("zh-CN"), true, "k");
        assertThat(chinese.subject()).isEqualTo("【Beacon Bank】12个月定期存款为您开放");
        assertThat(chinese.text()).contains("Jane您好", "2026年12月6日", "营销邮件", "Beacon Bank", "1 Example Street, London", "退订");
        assertThat(chinese.html()).contains("<html lang=\"zh-CN\">", ">退订</a>");
        OfferEmail spanish = text.render("TERM_DEPOSIT_12M", jane("es-ES"), true, "k");
        assertThat(spanish.text()).contains("Hola Jane", "6 de diciembre de 2026", "correo de marketing de Beacon Bank", "dese de baja");
    }

    @Test
    void usesNothingOfTheCustomersOwnInTheGenericVariant() {
        var refusedProfiling = new Recipient("C-1001", "Jane", "en-GB", "jane@example.com", true);
        OfferEmail generic = text.offer(Requests.salaryCreditedOffer(), refusedProfiling);
        assertThat(generic.text()).doesNotContain("Jane").startsWith("Hello,");
        assertThat(generic.html()).doesNotContain("Jane");
    }

    @Test
    void escapesProfileDataInTheHtmlPart() {
        assertThat(text.render("TERM_DEPOSIT_12M", new Recipient("C-1001", "<b>Jane</b>", "en", "j@example.com", false), true, "k").html())
                .contains("Hi &lt;b&gt;Jane&lt;/b&gt;").doesNotContain("<b>Jane");
    }

    @Test
    void hasEveryTemplateTheOfferCatalogueNamesForEmail() throws Exception {
        var catalogue = Json.mapper().readTree(Path.of("../../rules/catalogue/offers.json").toFile());
        for (var offer : catalogue.get("offers")) {
            String code = offer.get("code").asText();
            offer.path("templates").path("email").properties().forEach(named ->
                    assertThat(text.render(code, jane(named.getKey()), true, "k").subject()).as(code).isNotBlank());
            offer.path("nonPersonalised").path("templates").path("email").properties().forEach(named ->
                    assertThat(text.render(code, jane(named.getKey()), false, "k").text()).as(code).doesNotContain("Jane"));
        }
    }

    private static Recipient jane(String language) {
        return new Recipient("C-1001", "Jane", language, "jane@example.com", false);
    }
}
