package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
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

    private static final Instant ROTATED = Instant.parse("2026-11-01T00:00:00Z");
    private static final UnsubscribeTokens.Key OLD = new UnsubscribeTokens.Key("old-secret-old-secret-old-secret-0", Instant.parse("2026-01-01T00:00:00Z"),
            ROTATED.plus(UnsubscribeTokens.LINK_LIFETIME));
    private static final UnsubscribeTokens.Key NEW = new UnsubscribeTokens.Key("new-secret-new-secret-new-secret-1", ROTATED, null);

    private static UnsubscribeTokens ringAt(String instant) {
        return new UnsubscribeTokens(List.of(OLD, NEW), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void afterARotationTheNewestKeySignsAndALinkSignedBeforeStillOpensUntilItsKeyRetires() {
        String sentBeforeTheRotation = new UnsubscribeTokens(OLD.secret()).tokenFor("C-1001");
        String sentAfter = ringAt("2026-11-02T00:00:00Z").tokenFor("C-1001");

        assertThat(sentAfter).isEqualTo(new UnsubscribeTokens(NEW.secret()).tokenFor("C-1001")).isNotEqualTo(sentBeforeTheRotation);
        assertThat(ringAt("2026-11-30T23:59:59Z").customerOf(sentBeforeTheRotation)).contains("C-1001");
        assertThat(ringAt("2026-11-30T23:59:59Z").profilingRefusal().customerOf(new UnsubscribeTokens(OLD.secret()).profilingRefusal().tokenFor("C-1001")))
                .contains("C-1001");

        UnsubscribeTokens afterRetirement = ringAt("2026-12-01T00:00:00Z");
        assertThat(afterRetirement.customerOf(sentBeforeTheRotation)).as("its key retired: the link expired").isEmpty();
        assertThat(afterRetirement.expired(sentBeforeTheRotation)).isTrue();
        assertThat(afterRetirement.customerOf(sentAfter)).contains("C-1001");
        assertThat(afterRetirement.expired(sentAfter.substring(1))).as("a forged token did not expire, it never opened").isFalse();
    }

    @Test
    void refusesAKeyringThatWouldBreakLinksBeforeTheirThirtyDays() {
        var tooSoon = new UnsubscribeTokens.Key(OLD.secret(), OLD.since(), ROTATED.plus(java.time.Duration.ofDays(29)));
        assertThatThrownBy(() -> new UnsubscribeTokens(List.of(tooSoon, NEW), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsubscribe key 0").hasMessageContaining("30 days");
        var neverRetires = new UnsubscribeTokens.Key(OLD.secret(), OLD.since(), null);
        assertThatThrownBy(() -> new UnsubscribeTokens(List.of(neverRetires, NEW), Clock.systemUTC())).hasMessageContaining("unsubscribe key 0");
        var newestRetiring = new UnsubscribeTokens.Key(NEW.secret(), NEW.since(), ROTATED.plusSeconds(1));
        assertThatThrownBy(() -> new UnsubscribeTokens(List.of(OLD, newestRetiring), Clock.systemUTC()))
                .hasMessageContaining("unsubscribe key 1").hasMessageContaining("newest");
        assertThatThrownBy(() -> new UnsubscribeTokens(List.of(), Clock.systemUTC())).hasMessageContaining("no key");
    }
}
