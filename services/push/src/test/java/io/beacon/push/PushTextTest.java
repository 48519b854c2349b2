package io.beacon.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PushTextTest {

    private final PushText text = new PushText("Beacon Bank", "beacon://preferences", Map.of("TERM_DEPOSIT_12M", "our 12-month fixed-rate deposit"));

    @Test
    void namesTheBankAndCarriesThePreferencesDeepLink() {
        PushText.Notification notification = text.offer("Jane", "TERM_DEPOSIT_12M");

        assertThat(notification.title()).isEqualTo("Beacon Bank");
        assertThat(notification.body()).isEqualTo("Hi Jane, our 12-month fixed-rate deposit is available for you.");
        assertThat(notification.data()).containsExactly(Map.entry("preferencesLink", "beacon://preferences"));
    }
}
