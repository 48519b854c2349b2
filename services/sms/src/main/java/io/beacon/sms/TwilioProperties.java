package io.beacon.sms;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Twilio account Beacon sends from. The credentials come from the environment ({@code TWILIO_ACCOUNT_SID},
 * {@code TWILIO_AUTH_TOKEN}); the defaults in application.yml only fit the local simulator.
 *
 * @param from           the sender: a number or alphanumeric sender id registered with Twilio
 * @param statusCallback optional; Twilio posts delivery receipts there
 * @param readTimeout    bounds each attempt, so a hung provider costs one timeout, not the job's whole lease
 */
@Validated
@ConfigurationProperties("beacon.providers.twilio")
public record TwilioProperties(
        @NotNull URI baseUrl,
        @NotBlank String accountSid,
        @NotBlank String authToken,
        @NotBlank String from,
        URI statusCallback,
        @NotNull Duration connectTimeout,
        @NotNull Duration readTimeout) {
}
