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

    /**
     * Whether this is a journey's own terminal outcome (docs/adr/0010): HELD_OUT, REJECTED, EXPIRED, CONVERTED,
     * OPTED_OUT, or a SUPPRESSED its own record step published ({@code Task_Record...}: unsuitable, contact blocked,
     * RM rejected). A channel service's SUPPRESSED or FAILED ends nothing (the journey falls back to its next
     * channel), nor does an outcome of a decision ({@code journey} null). A SENT offer's journey waits for its
     * conversion, whose window's expiry records no outcome.
     */
    public boolean endsJourney() {
        if (journey == null) {
            return false;
        }
        return switch (type) {
            case HELD_OUT, REJECTED, EXPIRED, CONVERTED, OPTED_OUT -> true;
            case SUPPRESSED -> step != null && step.startsWith("Task_Record");
            default -> false;
        };
    }

    /** Deterministic, so that a retried step publishes the same event id and consumers can drop the repeat. */
    public String eventId() {
        return String.join("/", sourceEventId, journeyInstance == null ? "-" : journeyInstance,
                step == null ? "-" : step, channel == null ? "-" : channel, type.name());
    }
}
