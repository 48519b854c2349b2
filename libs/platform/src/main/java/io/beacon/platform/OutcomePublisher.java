package io.beacon.platform;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.Topics;
import io.cloudevents.CloudEvent;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

/** Publishes offer outcomes on beacon.offers, keyed by customer id, as CloudEvents. */
public class OutcomePublisher {

    private final StreamBridge streamBridge;
    private final String source;

    public OutcomePublisher(StreamBridge streamBridge, String source) {
        this.streamBridge = streamBridge;
        this.source = source;
    }

    public void publish(OfferOutcome outcome) {
        CloudEvent event = BeaconEvents.build(outcome.eventId(), source, outcome.type().cloudEventType(), outcome.customerId(), outcome);
        send(streamBridge, Topics.OFFERS, outcome.customerId(), event);
    }

    /**
     * Sends a CloudEvent in structured mode, keyed by customer id so that one customer's events stay in order;
     * the binder's producer is synchronous (see application.yml), so a failure here is an exception, never a loss.
     */
    public static void send(StreamBridge streamBridge, String topic, String key, CloudEvent event) {
        var message = MessageBuilder.withPayload(BeaconEvents.serialize(event))
                .setHeader(KafkaHeaders.KEY, key.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .setHeader("contentType", "application/cloudevents+json")
                .build();
        if (!streamBridge.send(topic, message)) {
            throw new IllegalStateException("could not publish " + event.getType() + " " + event.getId() + " to " + topic);
        }
    }
}
