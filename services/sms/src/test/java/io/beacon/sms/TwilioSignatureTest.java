package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    // the example Twilio publishes for its request validation
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030",
            "Digits", "1234", "From", "+12349013030", "To", "+18005551212");

    @Test
    void matchesTwilioPublishedExample() {
        assertThat(TwilioSignature.of("12345", URL, PARAMS)).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(TwilioSignature.valid("12345", URL, PARAMS, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
    }

    @Test
    void anyChangeInvalidatesIt() {
        assertThat(TwilioSignature.valid("12346", URL, PARAMS, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
        assertThat(TwilioSignature.valid("12345", URL + "&x=1", PARAMS, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
        assertThat(TwilioSignature.valid("12345", URL, Map.of("Body", "STOP"), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
        assertThat(TwilioSignature.valid("12345", URL, PARAMS, null)).isFalse();
    }
}
