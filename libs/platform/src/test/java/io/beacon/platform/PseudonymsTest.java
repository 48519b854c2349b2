package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private static final String KEY = Base64.getEncoder().encodeToString("a-bank-held-key-of-32-bytes-long".getBytes(StandardCharsets.US_ASCII));
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another-key-of-at-least-32-bytes".getBytes(StandardCharsets.US_ASCII));

    @Test
    void theSameCustomerUnderTheSameKeyAlwaysHasTheSamePseudonym() {
        assertThat(Pseudonyms.fromKey(KEY).of("C000001")).isEqualTo(Pseudonyms.fromKey(KEY).of("C000001"))
                .startsWith(Pseudonyms.PREFIX).doesNotContain("C000001");
    }

    @Test
    void anotherKeyOrAnotherCustomerGivesAnotherPseudonym() {
        String pseudonym = Pseudonyms.fromKey(KEY).of("C000001");

        assertThat(Pseudonyms.fromKey(OTHER_KEY).of("C000001")).isNotEqualTo(pseudonym);
        assertThat(Pseudonyms.fromKey(KEY).of("C000002")).isNotEqualTo(pseudonym);
    }

    @Test
    void thePseudonymIsTheHmacSha256OfTheCustomerIdSoTheBankCanComputeItWithAnyTool() throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
        byte[] expected = mac.doFinal("C000001".getBytes(StandardCharsets.UTF_8));

        String pseudonym = Pseudonyms.fromKey(KEY).of("C000001");

        assertThat(HexFormat.of().formatHex(Base64.getUrlDecoder().decode(pseudonym.substring(Pseudonyms.PREFIX.length()))))
                .isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void aMissingShortOrMalformedKeyIsRefusedSayingWhy() {
        assertThatThrownBy(() -> Pseudonyms.fromKey(" ")).hasMessageContaining("beacon.crypto.pseudonym-key is required");
        assertThatThrownBy(() -> Pseudonyms.fromKey(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("at least 32 bytes, not 16");
        assertThatThrownBy(() -> Pseudonyms.fromKey("not base64 at all!")).hasMessageContaining("must be base64");
    }
}
