package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    @Test
    void refusesAtLoadEveryTemplateThatUsesAVariableItsVariantLacksOrIsMissing() {
        assertThatThrownBy(() -> MessageTemplates.load("broken-templates", Channel.PUSH, "Beacon Bank",
                Map.of("preferencesLink", "beacon://preferences"), (locale, parts) -> List.of()))
                .isInstanceOfSatisfying(TemplateRejectedException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "broken-templates/push/en.yml 'term-deposit-generic-push' uses a variable the generic variant does not have: "
                                + "No method or field with name 'firstName' on line 1 (available: [amount, bankName, personalNote, preferencesLink, productName, validUntil])",
                        "broken-templates/push/zh-CN.yml 'term-deposit-intro-push' uses a variable the personalised variant does not have: "
                                + "No method or field with name 'interestRate' on line 1 (available: [amount, bankName, firstName, personalNote, preferencesLink, productName, validUntil])",
                        "broken-templates/push/es.yml 'term-deposit-intro-push' is missing (TERM_DEPOSIT_12M is offered on push)",
                        "broken-templates/push/es.yml 'term-deposit-generic-push' is missing (TERM_DEPOSIT_12M is offered on push)"))
                .hasMessageStartingWith("push templates refused (4 problems)");
    }

    @Test
    void picksTheClosestLocaleAndFallsBackToEnglish() {
        assertThat(MessageTemplates.closest(Locale.forLanguageTag("zh-CN")).toLanguageTag()).isEqualTo("zh-CN");
        assertThat(MessageTemplates.closest(Locale.forLanguageTag("zh-HK")).toLanguageTag()).isEqualTo("zh-CN");
        assertThat(MessageTemplates.closest(Locale.forLanguageTag("es-MX")).toLanguageTag()).isEqualTo("es");
        assertThat(MessageTemplates.closest(Locale.forLanguageTag("en-GB")).toLanguageTag()).isEqualTo("en");
        assertThat(MessageTemplates.closest(Locale.forLanguageTag("de-DE")).toLanguageTag()).isEqualTo("en");
    }
}
