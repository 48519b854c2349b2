package io.beacon.email;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the sender works its jobs and what every email must carry. The SMTP relay itself is {@code spring.mail.*}; the
 * words, the bank's postal address among them, are content ({@code content/email/layout/<locale>.yml}, ADR 0027).
 *
 * @param unsubscribeBaseUrl public HTTPS endpoint of the consent service's one-click unsubscribe; the token is appended
 * @param profilingRefusalBaseUrl public HTTPS endpoint of the consent service's page that refuses profiling (PIPL Art. 24);
 *                    the token (UnsubscribeTokens#profilingRefusal, same keyring) is appended; the tokens' keyring is
 *                    {@code beacon.unsubscribe.keys} (UnsubscribeKeys), shared with the consent service
 * @param messageIdDomain    right-hand side of the Message-IDs this sender derives from the idempotency key
 * @param tracking           open pixel and click redirect (see EmailTracking); switchable
 * @param dkim               DKIM signing (see DkimSettings); off unless enabled
 * @param jobTimeout         the lease on a job; longer than the relay's retries and timeouts together
 */
@Validated
@ConfigurationProperties("beacon.email")
public record EmailProperties(
        @NotBlank String bankName,
        @NotBlank @Email String from,
        @NotNull URI unsubscribeBaseUrl,
        @NotNull URI profilingRefusalBaseUrl,
        @NotBlank String messageIdDomain,
        @NotNull @Valid DkimSettings dkim,
        @NotNull @Valid EmailTracking tracking,
        @NotNull Duration jobTimeout,
        @NotNull Duration retryBackoff,
        @Positive int maxJobsActive) {
}
