package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    private static final String SECRET = "test-secret-test-secret-test-secret";
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(SECRET);

    @Test
    void tokenOpensToItsCustomerAndShowsNothingOfIt() {
        String token = tokens.tokenFor("C-1001");

        assertThat(token).doesNotContain("C-1001", "=", "+", "/");
        assertThat(tokens.customerOf(token)).contains("C-1001");
    }

    @Test
    void profilingRefusalTokensAreTheirOwn_neitherKindOpensAsTheOther() {
        UnsubscribeTokens profiling = tokens.profilingRefusal();
        String refusal = profiling.tokenFor("C-1001");

        assertThat(profiling.customerOf(refusal)).contains("C-1001");
        assertThat(refusal).isNotEqualTo(tokens.tokenFor("C-1001"));
        assertThat(tokens.customerOf(refusal)).isEmpty();
        assertThat(profiling.customerOf(tokens.tokenFor("C-1001"))).isEmpty();
        // the same secret on the consent side opens it
        assertThat(new UnsubscribeTokens(SECRET).profilingRefusal().customerOf(refusal)).contains("C-1001");
    }

    @Test
    void sameCustomerSameTokenOtherCustomerOtherToken() {
        assertThat(tokens.tokenFor("C-1001")).isEqualTo(tokens.tokenFor("C-1001")).isNotEqualTo(tokens.tokenFor("C-1002"));
    }

    @Test
    void alteredTokenNamesNoCustomer() {
        byte[] bytes = Base64.getUrlDecoder().decode(tokens.tokenFor("C-1001"));
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 0x01;
            assertThat(tokens.customerOf(Base64.getUrlEncoder().withoutPadding().encodeToString(altered))).as("byte " + i).isEmpty();
        }
    }

    @Test
    void forgedMalformedOrOtherKeysTokensNameNoCustomer() {
        assertThat(tokens.customerOf("not-a-token")).isEmpty();
        assertThat(tokens.customerOf("%%%")).isEmpty();
        assertThat(tokens.customerOf("")).isEmpty();
        assertThat(tokens.customerOf(new UnsubscribeTokens(SECRET + "x").tokenFor("C-1001"))).isEmpty();
    }

    @Test
    void shortSecretIsRefused() {
        assertThatThrownBy(() -> new UnsubscribeTokens("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
