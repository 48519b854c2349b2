package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.sms.SmsEncoding.Encoding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsEncodingTest {

    @ParameterizedTest(name = "{0} chars of ''{1}'' -> {2}, {3} units, {4} segments")
    @CsvSource({
            "160, a, GSM_7, 160, 1",
            "161, a, GSM_7, 161, 2",
            "306, a, GSM_7, 306, 2",
            "307, a, GSM_7, 307, 3",
            "80, €, GSM_7, 160, 1",     // the extension table costs two septets
            "81, €, GSM_7, 162, 2",
            "70, 中, UCS_2, 70, 1",
            "71, 中, UCS_2, 71, 2",
            "134, ó, UCS_2, 134, 2",    // ó is not in GSM-7 (é is)
            "135, ó, UCS_2, 135, 3",
            "100, é, GSM_7, 100, 1",
    })
    void detectsTheEncodingAndCountsSegments(int length, String character, Encoding encoding, int units, int segments) {
        SmsEncoding measured = SmsEncoding.of(character.repeat(length));

        assertThat(measured).isEqualTo(new SmsEncoding(encoding, units, segments));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Beacon Bank: £1,000.00 until 6 December. Reply STOP to opt out | GSM_7",
            "【Beacon Bank】回复STOP退订 | UCS_2",
            "An emoji 🙂 makes it UCS-2 | UCS_2",
    })
    void recognisesRealTexts(String text, Encoding encoding) {
        assertThat(SmsEncoding.of(text).encoding()).isEqualTo(encoding);
    }
}
