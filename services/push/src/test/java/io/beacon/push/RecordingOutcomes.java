package io.beacon.push;

import io.beacon.contracts.OfferOutcome;
import io.beacon.platform.OutcomePublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for Kafka: keeps what would have been published on beacon.offers. */
class RecordingOutcomes extends OutcomePublisher {

    final List<OfferOutcome> published = new CopyOnWriteArrayList<>();

    RecordingOutcomes() {
        super(null, "/beacon/push-test");
    }

    @Override
    public void publish(OfferOutcome outcome) {
        published.add(outcome);
    }
}
