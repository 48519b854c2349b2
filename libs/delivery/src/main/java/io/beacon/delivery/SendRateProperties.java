package io.beacon.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The provider rate limits per sender, shared by all instances (ADR 0036): {@code beacon.delivery.send-rates.<instance>}
 * with the sender the provider limits and its limit per period, e.g. {@code twilio: {sender: "+44...", limit: 1}}.
 */
@Validated
@ConfigurationProperties("beacon.delivery")
public record SendRateProperties(Map<String, @Valid Rate> sendRates) {

    /**
     * @param sender  what the provider limits: the Twilio {@code From} (long code, short code), the FCM project, the SMTP relay
     * @param limit   messages per period for this sender across all instances
     * @param period  the slot the limit counts in (1 s unless set)
     * @param maxWait the longest one send waits for room before it is refused and the job retried (30 s unless set)
     */
    public record Rate(@NotBlank String sender, @Min(1) int limit, Duration period, Duration maxWait) {
        public Rate {
            period = period == null ? Duration.ofSeconds(1) : period;
            maxWait = maxWait == null ? Duration.ofSeconds(30) : maxWait;
        }
    }

    public SendRateProperties {
        sendRates = sendRates == null ? Map.of() : Map.copyOf(sendRates);
    }
}
