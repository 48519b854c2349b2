package io.beacon.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.Json;
import io.beacon.delivery.ProfilesClient.Recipient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushTextTest {

    static final Clock NOV_22 = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private final PushText text = PushText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", "beacon://preferences", NOV_22);

    @Test
    void namesTheBankPersonalisesAndCarriesThePreferencesDeepLink() {
        PushText.Notification notification = text.render("TERM_DEPOSIT_12M", jane("en-GB"), true);

        assertThat(notification.title()).isEqualTo("Beacon Bank");
        assertThat(notification.body()).isEqualTo("Hi Jane, our 12-month fixed-rate deposit is available for you from £1,000.00 until 6 December 2026.");
        assertThat(notification.data()).containsExactly(Map.entry("preferencesLink", "beacon://preferences"));
    }

    @Test
    void speaksChineseAndSpanishAndHasAGenericVariantWithoutTheName() {
        assertThat(text.render("CREDIT_CARD", jane("zh-CN"), true).body()).isEqualTo("Jane您好，Beacon 奖励信用卡额度最高£3,000.00，2026年12月13日前申请。");
        assertThat(text.render("TRAVEL_CARD", jane("es-ES"), true).body()).startsWith("Hola Jane, ¿de viaje?");
        var refusedProfiling = new Recipient("C-1", "Jane", "en-GB", "token", true);
        assertThat(text.offer(Requests.salaryCreditedOffer(), refusedProfiling).body()).doesNotContain("Jane")
                .isEqualTo("Our 12-month fixed-rate deposit is available from £1,000.00 until 6 December 2026.");
    }

    @Test
    void hasEveryTemplateTheOfferCatalogueNamesForPush() throws Exception {
        var catalogue = Json.mapper().readTree(Path.of("../../rules/catalogue/offers.json").toFile());
        for (var offer : catalogue.get("offers")) {
            String code = offer.get("code").asText();
            offer.path("templates").path("push").properties().forEach(named ->
                    assertThat(text.render(code, jane(named.getKey()), true).body()).as(code + " " + named.getKey()).isNotBlank());
            offer.path("nonPersonalised").path("templates").path("push").properties().forEach(named ->
                    assertThat(text.render(code, jane(named.getKey()), false).body()).as(code).doesNotContain("Jane"));
        }
    }

    @Test
    void anOfferWithoutATemplateFailsWithAClearMessage() {
        assertThatThrownBy(() -> text.render("UNKNOWN_PRODUCT", jane("en"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no push template for product 'UNKNOWN_PRODUCT'");
    }

    private static Recipient jane(String language) {
        return new Recipient("C-1001", "Jane", language, "fcm-token", false);
    }
}
