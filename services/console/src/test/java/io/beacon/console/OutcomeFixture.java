package io.beacon.console;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.cloudevents.CloudEvent;
import java.time.Instant;

/** Offer outcomes as the journeys and channel services publish them, and their records on beacon.offers. */
final class OutcomeFixture {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private OutcomeFixture() {
    }

    static OfferOutcome outcome(OutcomeType type, String customerId, String journey, ReasonCode reason, Instant at) {
        return new OfferOutcome(type, customerId, journey, "2251799813685249", "Task_" + type.name(), "SalaryCredited",
                "SAVINGS_PLUS", type == OutcomeType.TRIGGERED ? null : "sms", reason, null,
                "evt-" + customerId, "dec-" + customerId, at);
    }

    static OfferOutcome triggered(String customerId, String journey, Instant at) {
        return outcome(OutcomeType.TRIGGERED, customerId, journey, null, at);
    }

    static OfferOutcome suppressed(String customerId, String journey, ReasonCode reason, Instant at) {
        return outcome(OutcomeType.SUPPRESSED, customerId, journey, reason, at);
    }

    static CloudEvent event(OfferOutcome outcome) {
        return BeaconEvents.build(outcome.eventId(), "/beacon/journeys", outcome.type().cloudEventType(),
                outcome.customerId(), outcome);
    }

    /** The record value exactly as OutcomePublisher writes it: a structured-mode CloudEvent. */
    static byte[] record(OfferOutcome outcome) {
        return BeaconEvents.serialize(event(outcome));
    }
}
