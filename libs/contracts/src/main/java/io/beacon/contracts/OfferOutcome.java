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
 * @param group          the measurement group the journey put the customer in (ADR 0025): TREATMENT, HOLDOUT or
 *                       GLOBAL_CONTROL; null at the decision stage, before the journey assigned one
 * @param variant        the content variant of an experiment the customer was assigned to (ADR 0025), else null;
 *                       on SENT and on the CONVERTED that follows it
 * @param value          on CONVERTED, the offer's expected value from the catalogue (what a conversion is worth)
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
        Instant sendAt,
        MeasurementGroup group,
        String variant,
        Double value) {

    /**
     * The step of the outcomes decisioning publishes before any journey runs: TRIGGERED at {@code Decision_Trigger}, and
     * each suppressed offer at {@code Decision_Trigger:<trigger>:<product>} (its own event id).
     */
    public static final String DECISION_STEP = "Decision_Trigger";

    /** Whether a step is the decision's, before any journey ({@link #DECISION_STEP}). */
    public static boolean atDecision(String step) {
        return step != null && (step.equals(DECISION_STEP) || step.startsWith(DECISION_STEP + ":"));
    }

    /**
     * An outcome without journey version, stage, send time or measurement: they are added with {@link #labelled},
     * {@link #deferredTo} and {@link #measured}.
     */
    public OfferOutcome(OutcomeType type, String customerId, String journey, String journeyInstance, String step, String trigger,
                        String productCode, String channel, ReasonCode reason, String detail, String sourceEventId,
                        String decisionId, Instant at) {
        this(type, customerId, journey, journeyInstance, step, trigger, productCode, channel, reason, detail, sourceEventId,
                decisionId, at, null, null, null, null, null, null);
    }

    /** The same outcome labelled with its journey, the journey's version and its lifecycle stage. */
    public OfferOutcome labelled(String journeyId, Integer version, String lifecycleStage) {
        return new OfferOutcome(type, customerId, journeyId, journeyInstance, step, trigger, productCode, channel, reason, detail,
                sourceEventId, decisionId, at, version, lifecycleStage, sendAt, group, variant, value);
    }

    /** The same outcome with the measurement group, content variant and conversion value (ADR 0025). */
    public OfferOutcome measured(MeasurementGroup measurementGroup, String contentVariant, Double conversionValue) {
        return new OfferOutcome(type, customerId, journey, journeyInstance, step, trigger, productCode, channel, reason, detail,
                sourceEventId, decisionId, at, journeyVersion, stage, sendAt, measurementGroup, contentVariant, conversionValue);
    }

    /** The same outcome with a DEFERRED send's new time. */
    public OfferOutcome deferredTo(Instant newSendAt) {
        return new OfferOutcome(type, customerId, journey, journeyInstance, step, trigger, productCode, channel, reason, detail,
                sourceEventId, decisionId, at, journeyVersion, stage, newSendAt, group, variant, value);
    }

    /**
     * Whether this is a journey's own terminal outcome (docs/adr/0010): REJECTED, EXPIRED, CONVERTED, OPTED_OUT, or a
     * SUPPRESSED its own record step published ({@code Task_Record...}: unsuitable, contact blocked, RM rejected). A
     * channel service's SUPPRESSED or FAILED ends nothing (the journey falls back to its next channel), nor does an
     * outcome of a decision ({@code journey} null). A SENT offer's journey waits for its conversion, whose window's
     * expiry records no outcome; so does a HELD_OUT customer's, to measure the holdout (ADR 0025).
     */
    public boolean endsJourney() {
        if (journey == null) {
            return false;
        }
        return switch (type) {
            case REJECTED, EXPIRED, CONVERTED, OPTED_OUT -> true;
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
