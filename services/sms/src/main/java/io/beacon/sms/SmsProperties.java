package io.beacon.sms;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the sender works its jobs and words its texts.
 *
 * @param jobTimeout   the lease on a job; longer than the provider's retries and timeouts together, or a second worker
 *                     could take over a send that is still running
 * @param retryBackoff how long Zeebe waits before handing a failed job out again
 * @param maxSegments  a template that needs more SMS segments than this for a sample customer is refused at start
 * @param inboundWebhookUrl the public URL Twilio posts inbound texts to, exactly as configured at Twilio: the
 *                          signature covers it, so it cannot be taken from the request behind a proxy
 * @param helpContact where a customer who texts HELP can reach the bank
 */
@Validated
@ConfigurationProperties("beacon.sms")
public record SmsProperties(
        @NotBlank String bankName,
        @Positive int maxSegments,
        @NotNull Duration jobTimeout,
        @NotNull Duration retryBackoff,
        @Positive int maxJobsActive,
        @NotNull java.net.URI inboundWebhookUrl,
        @NotBlank String helpContact) {
}
