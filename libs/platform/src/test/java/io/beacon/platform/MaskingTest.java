package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void phoneKeepsCountryPrefixAndLastFourDigits() {
        assertThat(Masking.phone("+8613812345678")).isEqualTo("+86138****5678");
        assertThat(Masking.phone("+447700900123")).isEqualTo("+44770****0123");
    }

    @Test
    void emailKeepsFirstLetterAndDomain() {
        assertThat(Masking.email("jane@example.com")).isEqualTo("j***@example.com");
        assertThat(Masking.email("not-an-email")).isEqualTo("***");
    }
}
