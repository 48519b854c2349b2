package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.sms.SmsKeywords.Language;
import io.beacon.sms.SmsKeywords.Replies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsKeywordsTest {

    private static final SmsKeywords SHIPPED = ShippedKeywords.load();

    @ParameterizedTest(name = "\"{0}\" is {1} in {2}")
    @CsvSource(delimiter = '|', value = {
            // the CTIA words, any case, with spaces or punctuation around
            "STOP|STOP|en", "stop|STOP|en", "  Stop!  |STOP|en", "STOPALL|STOP|en", "unsubscribe|STOP|en", "Cancel.|STOP|en",
            "end|STOP|en", "QUIT|STOP|en", "revoke|STOP|en", "opt out|STOP|en", "Opt-Out|STOP|en", "OPT  OUT|STOP|en",
            "optout|STOP|en", "help|HELP|en", "HELP?|HELP|en", "info|HELP|en", "start|START|en", "Unstop|START|en",
            // Chinese: 退订 and the carriers' shorthands, full-width letters and Chinese punctuation folded
            "退订|STOP|zh-CN", " 退订。|STOP|zh-CN", "TD|STOP|zh-CN", "td|STOP|zh-CN", "ＴＤ|STOP|zh-CN", "t|STOP|zh-CN",
            "取消|STOP|zh-CN", "取消订阅！|STOP|zh-CN", "帮助|HELP|zh-CN", "订阅|START|zh-CN",
            // Spanish
            "BAJA|STOP|es", "baja.|STOP|es", "Alto|STOP|es", "parar|STOP|es", "CANCELAR|STOP|es", "¡Detener!|STOP|es",
            "ayuda|HELP|es", "¿Ayuda?|HELP|es", "iniciar|START|es"})
    void classifiesTheKeywordsOfEveryLanguage(String body, SmsKeywords.Intent intent, String locale) {
        assertThat(SHIPPED.match(body)).hasValueSatisfying(match -> {
            assertThat(match.intent()).isEqualTo(intent);
            assertThat(match.locale()).isEqualTo(locale);
        });
    }

    @ParameterizedTest(name = "\"{0}\" asks for nothing")
    @CsvSource(delimiter = '|', value = {"please stop sending", "stopping by later", "thanks", "''", "请退订", "TDD", "ARRET", "ALTA",
            "baja por favor", "!!!"})
    void aTextThatIsNotOneKeywordAsksForNothing(String body) {
        assertThat(SHIPPED.match(body)).isEmpty();
    }

    @Test
    void repliesInTheKeywordsLanguageWithTheBankAndHelpContactFilledIn() {
        assertThat(SHIPPED.reply(SHIPPED.match("退订").orElseThrow(), "灯塔银行", "95555"))
                .isEqualTo("【灯塔银行】您已退订营销短信，我们不会再向您发送。如需重新订阅，请回复“订阅”。");
        assertThat(SHIPPED.reply(SHIPPED.match("帮助").orElseThrow(), "灯塔银行", "95555")).contains("回复TD退订", "95555");
        assertThat(SHIPPED.reply(SHIPPED.match("ayuda").orElseThrow(), "Beacon Bank", "900 000 000"))
                .isEqualTo("Beacon Bank: mensajes de marketing sobre nuestros productos. Responda BAJA para darse de baja. Ayuda: 900 000 000");
        assertThat(SHIPPED.reply(SHIPPED.match("STOP").orElseThrow(), "Beacon Bank", "0800"))
                .isEqualTo("Beacon Bank: you will get no more marketing texts from us. Reply START to opt back in.");
    }

    @Test
    void refusesAConfigurationWithEveryProblemNamed() {
        var languages = new ArrayList<>(ShippedKeywords.properties().languages());
        languages.add(new Language("fr", List.of("ARRET", "stop"), List.of("AIDE"), List.of(),
                new Replies("{bankName}: désinscrit.", "{bank}: réinscrit.", "{bankName}: aide au {helpContact}.")));
        languages.add(new Language("not a tag!", List.of("X"), List.of(), List.of(), null));
        languages.add(new Language("es", List.of("BASTA"), List.of(), List.of(), new Replies("a", "b", "BASTA")));
        languages.add(new Language("de", List.of(), List.of("???"), List.of(), null));

        assertThatThrownBy(() -> SmsKeywords.of(languages))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("beacon.sms.keywords refused, 8 problem(s): ")
                .hasMessageContaining("languages[3] (fr).stop: 'stop' is already a STOP word of en ('STOP')")
                .hasMessageContaining("languages[3] (fr).replies.start has the unknown placeholder {bank} (known: [bankName, helpContact])")
                .hasMessageContaining("languages[3] (fr).replies.help names none of the language's STOP words [ARRET, stop]")
                .hasMessageContaining("languages[4].locale 'not a tag!' is not a BCP 47 language tag")
                .hasMessageContaining("languages[5] (es): the locale is configured twice")
                .hasMessageContaining("languages[6] (de).stop is empty: every language needs a way out")
                .hasMessageContaining("languages[6] (de).help holds '???', which has no letter or digit")
                .hasMessageContaining("languages[6] (de).replies are missing (stop, start, help)");
    }

    @Test
    void refusesAnEmptyConfiguration() {
        assertThatThrownBy(() -> SmsKeywords.of(List.of())).hasMessageContaining("no language configured");
    }
}
