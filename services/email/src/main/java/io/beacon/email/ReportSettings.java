package io.beacon.email;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bounces and complaints (ADR 0034): where the reports come from, how often a soft-bounced email is sent again, and the
 * rates the channel health measures the sender against.
 *
 * @param maxSoftBounces a send that bounced softly (4.x.x) is sent again up to this many times; the next soft bounce
 *                       gives it up (BOUNCED, EMAIL_SOFT_BOUNCE_LIMIT)
 */
@Validated
@ConfigurationProperties("beacon.email.reports")
public record ReportSettings(@PositiveOrZero int maxSoftBounces, @NotNull @Valid Imap imap, @NotNull @Valid Webhook webhook,
                            @NotNull @Valid Reputation reputation) {

    /**
     * The mailbox the relay returns reports to (the envelope sender of every email): read, handled and deleted; a mail
     * that cannot be read is moved to {@code unreadableFolder}, never deleted.
     */
    public record Imap(boolean enabled, String host, int port, String username, String password, @NotBlank String folder,
                       @NotBlank String unreadableFolder, @NotNull Duration interval) {
    }

    /**
     * The provider's webhook, {@code POST /webhooks/delivery-reports} with the report mail as the body, signed:
     * {@code X-Beacon-Timestamp} (epoch seconds) and {@code X-Beacon-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
     *
     * @param tolerance how far the timestamp may be from now (a replayed call is refused past it)
     */
    public record Webhook(@NotBlank @Size(min = 32, message = "must be at least 32 characters: it is a key") String secret,
                          @NotNull Duration tolerance) {
    }

    /** Rates are shares (0.001 = 0.1 %), measured over the emails sent in {@code window}. */
    public record Reputation(@NotNull Duration window, @DecimalMin("0") @DecimalMax("1") double bounceWarn,
                             @DecimalMin("0") @DecimalMax("1") double bounceLimit, @DecimalMin("0") @DecimalMax("1") double complaintWarn,
                             @DecimalMin("0") @DecimalMax("1") double complaintLimit) {
    }
}
