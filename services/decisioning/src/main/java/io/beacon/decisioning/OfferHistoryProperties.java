package io.beacon.decisioning;

import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param coolingOffDays days after an RM's rejection during which the product is not offered again (COOLING_OFF)
 * @param maxJourneyDuration how long a journey counts as running when no outcome ended it: longer than the longest
 *                           journey (review SLA 2 days + a quiet-hours wait + the 30-day attribution window)
 */
@Validated
@ConfigurationProperties("beacon.decisioning.offer-history")
public record OfferHistoryProperties(@DefaultValue("30") @PositiveOrZero int coolingOffDays,
                                     @DefaultValue("35d") Duration maxJourneyDuration) {
    public OfferHistoryProperties {
        if (maxJourneyDuration.isNegative() || maxJourneyDuration.isZero()) {
            throw new IllegalArgumentException("beacon.decisioning.offer-history.max-journey-duration must be positive, was " + maxJourneyDuration);
        }
    }
}
