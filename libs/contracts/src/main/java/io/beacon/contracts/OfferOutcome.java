package io.beacon.contracts;

import java.time.Instant;

/**
 * One step of an offer's life, published on {@link Topics#OFFERS} keyed by customer id.
 *
 * @param journey        the journey (BPMN process id) the offer runs in, or would have run in for an offer suppressed
 *                       at its decision; null only when no deployed journey starts on the trigger
 * @param step           the BPMN element id that reached the outcome ({@code decision...} at the decision stage)
 * @param sourceEventId  the bank event that started it all; with journeyInstance and step it makes the outcome's id
 * @param reason         set on SUPPRESSED, FAILED and DEFERRED, else null
 * @param journeyVersion the journey's deployed version (the engine's), null with no journey
 * @param stage          the journey's lifecycle stage: attract, retain or leverage
 * @param sendAt         a DEFERRED send's new time, else null
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
        Instant at,
        Integer journeyVersion,
        String stage,
        Instant sendAt) {

    /** An outcome without journey version, stage or send time: they are added with {@link #labelled}. */
    public OfferOutcome(OutcomeType type, String customerId, String journey, String journeyInstance, String step, String trigger,
                        String productCode, String channel, ReasonCode reason, String detail, String sourceEventId,
                        String decisionId, Instant at) {
        this(type, customerId, journey, journeyInstance, step, trigger, productCode, channel, reason, detail, sourceEventId,
                decisionId, at, null, null, null);
    }

    /** The same outcome labelled with its journey, the journey's version and its lifecycle stage. */
    public OfferOutcome labelled(String journeyId, Integer version, String lifecycleStage) {
        return new OfferOutcome(type, customerId, journeyId, journeyInstance, step, trigger, productCode, channel, reason, detail,
                sourceEventId, decisionId, at, version, lifecycleStage, sendAt);
    }

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
