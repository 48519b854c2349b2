package io.beacon.decisioning;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Frequency caps across all journeys and channels.
 *
 * @param perDay marketing messages a customer may receive per day of their own calendar
 * @param perWeek per ISO week of their own calendar
 */
@Validated
@ConfigurationProperties("beacon.decisioning.frequency-caps")
public record ContactPolicyProperties(@PositiveOrZero int perDay, @PositiveOrZero int perWeek) {
}
