package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    private final SmsText text = new SmsText("Beacon Bank", Map.of("TERM_DEPOSIT_12M", "our 12-month fixed-rate deposit"));

    @Test
    void namesTheBankGreetsTheCustomerAndOffersTheWayOut() {
        assertThat(text.offer("Jane", "TERM_DEPOSIT_12M"))
                .isEqualTo("Beacon Bank: Hi Jane, our 12-month fixed-rate deposit is available for you. Reply STOP to opt out");
    }

    @Test
    void showsTheProductCodeWhenTheProductHasNoName() {
        assertThat(text.offer("Jane", "TRAVEL_CARD")).contains("TRAVEL_CARD is available for you");
    }

    @Test
    void greetsWithoutANameWhenTheProfileHasNone() {
        assertThat(text.offer(null, "TERM_DEPOSIT_12M")).startsWith("Beacon Bank: Hi, our").endsWith("Reply STOP to opt out");
    }
}
