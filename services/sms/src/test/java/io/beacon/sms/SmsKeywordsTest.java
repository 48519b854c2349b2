package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsKeywordsTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
            "STOP|STOP", "stop|STOP", "  Stop!  |STOP", "STOPALL|STOP", "unsubscribe|STOP", "Cancel.|STOP", "end|STOP",
            "QUIT|STOP", "revoke|STOP", "opt out|STOP", "Opt-Out|STOP", "OPT  OUT|STOP", "optout|STOP",
            "help|HELP", "HELP?|HELP", "info|HELP",
            "start|START", "Unstop|START",
            "please stop sending|NONE", "stopping by later|NONE", "thanks|NONE", "''|NONE"})
    void classifiesTheCtiaKeywords(String body, SmsKeywords.Intent expected) {
        assertThat(SmsKeywords.of(body)).isEqualTo(expected);
    }
}
