package io.beacon.delivery;

import io.beacon.contracts.OfferOutcome;
import io.beacon.platform.OutcomePublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for Kafka: keeps what would have been published on beacon.offers. */
public class RecordingOutcomes extends OutcomePublisher {

    public final List<OfferOutcome> published = new CopyOnWriteArrayList<>();

    public RecordingOutcomes() {
        super(null, "/beacon/delivery-test");
    }

    @Override
    public void publish(OfferOutcome outcome) {
        published.add(outcome);
    }
}
