package io.beacon.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    private static final String SECRET = "test-secret-test-secret-test-secret";

    @Test
    void tokenIsBase64UrlHmacSha256OfTheCustomerIdSoTheConsentServiceCanRecomputeIt() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal("C-1001".getBytes(StandardCharsets.UTF_8)));

        assertThat(new UnsubscribeTokens(SECRET).tokenFor("C-1001")).isEqualTo(expected).hasSize(43).doesNotContain("C-1001", "=", "+", "/");
    }

    @Test
    void differsPerCustomerAndPerKey() {
        var tokens = new UnsubscribeTokens(SECRET);

        assertThat(tokens.tokenFor("C-1001")).isNotEqualTo(tokens.tokenFor("C-1002"));
        assertThat(new UnsubscribeTokens(SECRET + "x").tokenFor("C-1001")).isNotEqualTo(tokens.tokenFor("C-1001"));
    }
}
