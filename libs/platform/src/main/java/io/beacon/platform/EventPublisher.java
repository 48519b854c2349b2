package io.beacon.platform;

import io.beacon.contracts.BeaconEvents;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes to Kafka, keyed by customer id so that one customer's records stay in order. Sends are asynchronous;
 * a caller that must not lose a record waits for its future (one record, or all records of a consumed batch
 * before the batch's offsets are committed), so a broker failure becomes an exception and a redelivery, never a
 * silent loss. The producer is idempotent with acks=all.
 */
public class EventPublisher implements AutoCloseable {

    static final String CONTENT_TYPE_HEADER = "content-type";
    static final byte[] CLOUDEVENTS_JSON = "application/cloudevents+json".getBytes(StandardCharsets.UTF_8);

    private final KafkaTemplate<String, byte[]> template;

    public EventPublisher(KafkaTemplate<String, byte[]> template) {
        this.template = template;
    }

    /** A structured-mode CloudEvent, with the CloudEvents Kafka binding's content-type header. */
    public CompletableFuture<?> publish(String topic, String key, CloudEvent event) {
        var record = new ProducerRecord<>(topic, key, BeaconEvents.serialize(event));
        record.headers().add(CONTENT_TYPE_HEADER, CLOUDEVENTS_JSON);
        return template.send(record);
    }

    /** Bytes as they are (a refused record goes on exactly as it was received), with headers saying why. */
    public CompletableFuture<?> publishRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        var record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        return template.send(record);
    }

    /**
     * A record the caller built whole: for headers that are bytes and keep their order, such as a refused record's own
     * headers carried onto bank.events.rejected as they were received.
     */
    public CompletableFuture<?> publish(ProducerRecord<String, byte[]> record) {
        return template.send(record);
    }

    public void publishAndWait(String topic, String key, CloudEvent event) {
        await(java.util.List.of(publish(topic, key, event)));
    }

    /**
     * Sends what the producer holds now instead of after its linger: for a consumed batch about to wait for its sends
     * (they are all queued, so lingering would only add latency). Returns once they are acknowledged or failed; their
     * futures still tell which.
     */
    public void flush() {
        template.flush();
    }

    /** Waits for every send; the first failure is thrown, so the consumed batch is retried, not committed. */
    public static void await(Collection<? extends CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("a record could not be published: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        template.destroy();
    }
}
