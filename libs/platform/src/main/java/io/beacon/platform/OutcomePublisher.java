package io.beacon.platform;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.Topics;

/** Publishes offer outcomes on beacon.offers, keyed by customer id, as CloudEvents; returns once the broker has it. */
public class OutcomePublisher {

    private final EventPublisher publisher;
    private final String source;

    public OutcomePublisher(EventPublisher publisher, String source) {
        this.publisher = publisher;
        this.source = source;
    }

    public void publish(OfferOutcome outcome) {
        EventPublisher.await(java.util.List.of(publishAsync(outcome)));
    }

    /** For a batch: the caller awaits every future before committing what it consumed. */
    public java.util.concurrent.CompletableFuture<?> publishAsync(OfferOutcome outcome) {
        return publisher.publish(Topics.OFFERS, outcome.customerId(),
                BeaconEvents.build(outcome.eventId(), source, outcome.type().cloudEventType(), outcome.customerId(), outcome));
    }
}
