package io.beacon.platform;

import jakarta.validation.constraints.NotEmpty;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code beacon.unsubscribe.keys}: the keyring of the unsubscribe and profiling-refusal links, shared by the email
 * service (signs with the newest) and the consent service (opens with all). Each entry {@code secret}, {@code since},
 * {@code retires} (see {@link UnsubscribeTokens.Key}); a deployment sets the whole list from the environment
 * ({@code BEACON_UNSUBSCRIBE_KEYS_0_SECRET}, {@code _0_SINCE}, {@code _1_SECRET}, {@code _1_SINCE}, {@code _1_RETIRES}).
 */
@Validated
@ConfigurationProperties("beacon.unsubscribe")
public record UnsubscribeKeys(@NotEmpty List<UnsubscribeTokens.Key> keys) {

    /** The tokens under this keyring; refuses a keyring that would break links before their time (the message says which key). */
    public UnsubscribeTokens tokens(Clock clock) {
        return new UnsubscribeTokens(keys, clock);
    }
}
