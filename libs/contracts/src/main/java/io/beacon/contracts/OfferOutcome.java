package io.beacon.contracts;

import java.time.Instant;

/**
 * One step of an offer's life, published on {@link Topics#OFFERS} keyed by customer id.
 *
 * @param sourceEventId the bank event that started it all; with journeyInstance and step it makes the outcome's id
 * @param reason set on SUPPRESSED and FAILED, else null
 */
public record OfferOutcome(
        OutcomeType type,
        String customerId,
        String journey,
        String journeyInstance,
        String step,
        String trigger,
        String productCode,
        String channel,
        ReasonCode reason,
        String detail,
        String sourceEventId,
        String decisionId,
        Instant at) {

    /** Deterministic, so that a retried step publishes the same event id and consumers can drop the repeat. */
    public String eventId() {
        return String.join("/", sourceEventId, journeyInstance == null ? "-" : journeyInstance,
                step == null ? "-" : step, channel == null ? "-" : channel, type.name());
    }
}
