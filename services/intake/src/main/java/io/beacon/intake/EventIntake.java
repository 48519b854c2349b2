package io.beacon.intake;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.BankEvent;
import io.beacon.contracts.BankEventValidator;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Json;
import io.beacon.contracts.Topics;
import io.beacon.contracts.ValidationResult;
import io.beacon.platform.OutcomePublisher;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Service;

/**
 * Accepting a bank event: validate it, refuse it loudly, or forward it exactly once (by CloudEvent source + id),
 * minimised to the fields some rule or journey needs.
 */
@Service
public class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

    private final BankEventValidator validator;
    private final StreamBridge streamBridge;
    private final MongoCollection<Document> seen;
    private final MeterRegistry meters;

    public EventIntake(BankEventValidator validator, StreamBridge streamBridge, MongoDatabase database, MeterRegistry meters) {
        this.validator = validator;
        this.streamBridge = streamBridge;
        this.seen = database.getCollection("seen_events");
        this.meters = meters;
    }

    public enum Outcome { ACCEPTED, DUPLICATE, REJECTED }

    /** Handles one record of bank.events; throws only when infrastructure fails, so the binder retries it. */
    public Outcome accept(byte[] raw) {
        ValidationResult result = validator.validate(raw);
        if (result instanceof ValidationResult.Invalid invalid) {
            reject(raw, invalid);
            return Outcome.REJECTED;
        }
        BankEvent event = ((ValidationResult.Valid) result).event();
        if (alreadyForwarded(event)) {
            count(Outcome.DUPLICATE, event.type().type());
            log.debug("duplicate {} {} from {} ignored", event.type().type(), event.id(), event.source());
            return Outcome.DUPLICATE;
        }
        forward(event);
        seen.updateOne(Filters.eq("_id", event.dedupKey()), Updates.set("status", "FORWARDED"));
        count(Outcome.ACCEPTED, event.type().type());
        return Outcome.ACCEPTED;
    }

    /**
     * Records the event as pending before forwarding: a crash between the two forwards it again on redelivery
     * (downstream steps are idempotent), never loses it.
     */
    private boolean alreadyForwarded(BankEvent event) {
        try {
            seen.insertOne(new Document("_id", event.dedupKey()).append("status", "PENDING")
                    .append("type", event.type().type()).append("receivedAt", Date.from(Instant.now())));
            return false;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document existing = seen.find(Filters.eq("_id", event.dedupKey())).first();
            return existing != null && "FORWARDED".equals(existing.getString("status"));
        }
    }

    private void forward(BankEvent event) {
        try {
            var builder = CloudEventBuilder.v1()
                    .withId(event.id())
                    .withSource(URI.create(event.source()))
                    .withType(event.type().type())
                    .withSubject(event.subject())
                    .withDataContentType("application/json")
                    .withData(Json.mapper().writeValueAsBytes(event.data()));
            if (event.time() != null) {
                builder.withTime(event.time());
            }
            OutcomePublisher.send(streamBridge, Topics.EVENTS_ACCEPTED, event.subject(), builder.build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes the refused record, untouched, with the reason; the sender can read why from bank.events.rejected. */
    public void reject(byte[] raw, ValidationResult.Invalid invalid) {
        String key = invalid.subject() != null ? invalid.subject() : "unknown";
        var message = MessageBuilder.withPayload(raw == null ? new byte[0] : raw)
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .setHeader("beacon_rejection_reason", invalid.reason())
                .setHeader("beacon_rejected_at", Instant.now().toString())
                .build();
        if (!streamBridge.send(Topics.BANK_EVENTS_REJECTED, message)) {
            throw new IllegalStateException("could not publish to " + Topics.BANK_EVENTS_REJECTED);
        }
        count(Outcome.REJECTED, "invalid");
        // The reason names fields, never their values: a rejected event may carry contact points.
        log.warn("rejected event id={} subject={}: {}", invalid.id(), invalid.subject(), invalid.reason());
    }

    private void count(Outcome outcome, String type) {
        meters.counter("beacon.intake.events", "outcome", outcome.name().toLowerCase(), "type", type).increment();
    }
}
