package io.beacon.console;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.OfferOutcome;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Projects each record of {@code beacon.offers} into the {@link OutcomeStore}. A record that is not an offer
 * outcome CloudEvent is logged and counted, then skipped: redelivering it could never succeed and would block its
 * partition. Failures of the store itself are thrown, so that the binder retries and then dead-letters the record.
 */
public class OffersConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(OffersConsumer.class);
    static final String METRIC = "beacon.console.offers";

    /** What became of one record. */
    public enum Projection { STORED, DUPLICATE, MALFORMED }

    private final OutcomeStore store;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter malformed;

    private final java.util.function.Consumer<OfferOutcome> onOutcome;

    public OffersConsumer(OutcomeStore store, MeterRegistry meters) {
        this(store, meters, outcome -> { });
    }

    /** @param onOutcome told of each outcome once the store has it (a redelivered one again: it must be idempotent) */
    public OffersConsumer(OutcomeStore store, MeterRegistry meters, java.util.function.Consumer<OfferOutcome> onOutcome) {
        this.store = store;
        this.onOutcome = onOutcome;
        this.stored = counter(meters, "stored");
        this.duplicates = counter(meters, "duplicate");
        this.malformed = counter(meters, "malformed");
    }

    @Override
    public void accept(Message<byte[]> message) {
        // a tombstone arrives as KafkaNull despite the declared byte[], hence the check on the raw payload
        Object payload = message.getPayload();
        project(payload instanceof byte[] bytes ? bytes : null, message.getHeaders());
    }

    public Projection project(byte[] record, MessageHeaders headers) {
        CloudEvent event;
        OfferOutcome outcome;
        try {
            event = BeaconEvents.deserialize(record);
            outcome = BeaconEvents.data(event, OfferOutcome.class);
            if (outcome.type() == null || outcome.customerId() == null || outcome.customerId().isBlank()) {
                throw new IllegalArgumentException("an offer outcome needs a type and a customer id");
            }
        } catch (RuntimeException e) {
            malformed.increment();
            // only the exception's class: parser messages quote the offending input, and outcomes name customers
            log.warn("Skipped a record of beacon.offers that is not an offer outcome CloudEvent ({} bytes at {}): {}",
                    record == null ? 0 : record.length, position(headers), e.getClass().getSimpleName());
            return Projection.MALFORMED;
        }
        Instant at = outcome.at() != null ? outcome.at()
                : event.getTime() != null ? event.getTime().toInstant() : Instant.now();
        boolean fresh = store.record(event.getId(), outcome, at);
        // after the store, and on a redelivery too: the listener is idempotent, and a failure of it is retried
        onOutcome.accept(outcome);
        if (fresh) {
            stored.increment();
            return Projection.STORED;
        }
        duplicates.increment();
        return Projection.DUPLICATE;
    }

    private static String position(MessageHeaders headers) {
        if (headers == null) {
            return "an unknown position";
        }
        return "partition " + headers.get(KafkaHeaders.RECEIVED_PARTITION) + ", offset " + headers.get(KafkaHeaders.OFFSET);
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder(METRIC)
                .description("Records of beacon.offers projected by the console, by result")
                .tag("result", result)
                .register(meters);
    }
}
