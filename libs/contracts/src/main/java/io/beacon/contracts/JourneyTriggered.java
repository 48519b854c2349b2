package io.beacon.contracts;

import java.time.Instant;

/**
 * A decision that starts a journey: the trigger is the BPMN message name of the journey's start event.
 *
 * @param sourceEventId becomes the Zeebe message id, so a replayed event starts nothing
 * @param offerValue    the offer's expected value from the catalogue (arbitration's), carried to the journey so its
 *                      conversion says what it is worth (ADR 0025); null when unknown
 * @param secondApproval the catalogue flags the offer for a checker after the RM (ADR 0028): decided by decisioning,
 *                       which owns the catalogue; null (a trigger from before) reads as false
 * @param timeZone      the customer's time zone from the profile the decision read, so that the journey's contact
 *                      policy plans quiet hours without fetching the profile again (ADR 0030); null when unknown
 */
public record JourneyTriggered(
        String customerId,
        String trigger,
        String productCode,
        String sourceEventId,
        String decisionId,
        String rulesVersion,
        Instant at,
        Double offerValue,
        Boolean secondApproval,
        String timeZone) {

    /** Without the customer's time zone. */
    public JourneyTriggered(String customerId, String trigger, String productCode, String sourceEventId, String decisionId,
                            String rulesVersion, Instant at, Double offerValue, Boolean secondApproval) {
        this(customerId, trigger, productCode, sourceEventId, decisionId, rulesVersion, at, offerValue, secondApproval, null);
    }

    /** Without second approval. */
    public JourneyTriggered(String customerId, String trigger, String productCode, String sourceEventId, String decisionId,
                            String rulesVersion, Instant at, Double offerValue) {
        this(customerId, trigger, productCode, sourceEventId, decisionId, rulesVersion, at, offerValue, null, null);
    }

    /** Without the offer's value. */
    public JourneyTriggered(String customerId, String trigger, String productCode, String sourceEventId, String decisionId,
                            String rulesVersion, Instant at) {
        this(customerId, trigger, productCode, sourceEventId, decisionId, rulesVersion, at, null, null, null);
    }
}
