package io.beacon.push;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the sender works its jobs and words its notifications.
 *
 * @param preferencesLink the app's deep link to its marketing preferences: the push's way out
 * @param jobTimeout      the lease on a job; longer than the provider's retries and timeouts together
 */
@Validated
@ConfigurationProperties("beacon.push")
public record PushProperties(
        @NotBlank String bankName,
        @NotBlank String preferencesLink,
        @NotNull Duration jobTimeout,
        @NotNull Duration retryBackoff,
        @Positive int maxJobsActive) {
}
