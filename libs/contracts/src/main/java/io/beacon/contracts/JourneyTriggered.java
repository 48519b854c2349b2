package io.beacon.contracts;

import java.time.Instant;

/**
 * A decision that starts a journey: the trigger is the BPMN message name of the journey's start event.
 *
 * @param sourceEventId becomes the Zeebe message id, so a replayed event starts nothing
 */
public record JourneyTriggered(
        String customerId,
        String trigger,
        String productCode,
        String sourceEventId,
        String decisionId,
        String rulesVersion,
        Instant at) {
}
