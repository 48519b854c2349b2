package io.beacon.decisioning.decision;

import io.beacon.decisioning.rules.PastRejection;
import io.beacon.decisioning.rules.RunningJourney;
import java.util.List;

/**
 * What Beacon remembers of a customer's past offers that the rules need: rejections (cooling-off) and journeys
 * still running (one per customer and offer). Read from {@link io.beacon.decisioning.mongo.ContactHistory} before the rules run, so that
 * {@link Decisioning} stays free of I/O.
 */
public record OfferHistory(List<PastRejection> rejections, List<RunningJourney> running, int coolingOffDays) {

    public static final int DEFAULT_COOLING_OFF_DAYS = 30;

    public static OfferHistory none() {
        return new OfferHistory(List.of(), List.of(), DEFAULT_COOLING_OFF_DAYS);
    }
}
