package io.beacon.sms;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the sender works its jobs and words its texts.
 *
 * @param jobTimeout   the lease on a job; longer than the provider's retries and timeouts together, or a second worker
 *                     could take over a send that is still running
 * @param retryBackoff how long Zeebe waits before handing a failed job out again
 * @param productNames product code to the name a customer reads; unknown codes are shown as they are
 * @param inboundWebhookUrl the public URL Twilio posts inbound texts to, exactly as configured at Twilio: the
 *                          signature covers it, so it cannot be taken from the request behind a proxy
 * @param helpContact where a customer who texts HELP can reach the bank
 */
@Validated
@ConfigurationProperties("beacon.sms")
public record SmsProperties(
        @NotBlank String bankName,
        Map<String, String> productNames,
        @NotNull Duration jobTimeout,
        @NotNull Duration retryBackoff,
        @Positive int maxJobsActive,
        @NotNull java.net.URI inboundWebhookUrl,
        @NotBlank String helpContact) {

    public SmsProperties {
        productNames = productNames == null ? Map.of() : Map.copyOf(productNames);
    }
}
