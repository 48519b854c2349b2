package io.beacon.decisioning;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Frequency caps: global ones across all journeys and channels, and optional ones per channel on top of them.
 *
 * @param perDay marketing messages a customer may receive per day of their own calendar, all channels together
 * @param perWeek per ISO week of their own calendar, all channels together
 * @param channels per channel ({@code sms}, {@code push}, {@code email}): stricter caps for that channel alone; a
 *                 channel not listed has only the global caps
 */
@Validated
@ConfigurationProperties("beacon.decisioning.frequency-caps")
public record ContactPolicyProperties(@PositiveOrZero int perDay, @PositiveOrZero int perWeek, Map<String, @Valid Limits> channels) {

    public ContactPolicyProperties {
        channels = channels == null ? Map.of() : Map.copyOf(channels);
    }

    /** A channel's own caps. */
    public record Limits(@PositiveOrZero int perDay, @PositiveOrZero int perWeek) {
    }
}
