package io.beacon.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.BankEvent;
import io.beacon.contracts.BankEventValidator;
import io.beacon.contracts.Json;
import io.beacon.contracts.Topics;
import io.beacon.contracts.ValidationResult;
import io.beacon.contracts.Violation;
import io.beacon.platform.EventPublisher;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accepting bank events: validate each, refuse what is wrong loudly, and forward the rest exactly once (by CloudEvent
 * source + id), minimised to the fields some rule or journey needs. Works a consumed batch at a time: a few MongoDB
 * round trips and one wait for the broker per batch, instead of per event.
 */
@Service
public class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

    private final BankEventValidator validator;
    private final EventPublisher publisher;
    private final MongoCollection<Document> seen;
    private final MeterRegistry meters;
    private final io.beacon.platform.ContactPointProtection protection;

    public EventIntake(BankEventValidator validator, EventPublisher publisher, MongoDatabase database, MeterRegistry meters,
                       io.beacon.platform.ContactPointProtection protection) {
        this.protection = protection;
        this.validator = validator;
        this.publisher = publisher;
        this.seen = database.getCollection("seen_events");
        this.meters = meters;
    }

    public enum Outcome { ACCEPTED, DUPLICATE, REJECTED }

    /** Why a tombstone is refused: bank.events carries CloudEvents, a record without one is not an event. */
    static final String TOMBSTONE_REASON = new Violation("/", "the record has no value (a tombstone); bank.events takes "
            + "one CloudEvent per record and is never compacted").toString();

    public Outcome accept(byte[] raw) {
        return acceptAll(List.of(ReceivedRecord.of(raw))).get(0);
    }

    /**
     * Handles records of bank.events in order; returns once every forwarded and refused record is on the broker.
     * Throws only when infrastructure fails, so that the whole batch is consumed again (each step is idempotent).
     */
    public List<Outcome> acceptAll(List<ReceivedRecord> records) {
        var outcomes = new ArrayList<Outcome>(records.size());
        var sends = new ArrayList<CompletableFuture<?>>();
        Map<String, BankEvent> candidates = new LinkedHashMap<>();
        for (ReceivedRecord record : records) {
            if (record.tombstone()) {
                sends.add(reject(record, null, null, TOMBSTONE_REASON));
                outcomes.add(Outcome.REJECTED);
                continue;
            }
            ValidationResult result = validator.validate(record.value());
            if (result instanceof ValidationResult.Invalid invalid) {
                sends.add(reject(record, invalid.subject(), invalid.id(), invalid.reason()));
                outcomes.add(Outcome.REJECTED);
                continue;
            }
            BankEvent event = ((ValidationResult.Valid) result).event();
            // a repeat inside the batch is a duplicate of the first, whatever the store says
            outcomes.add(candidates.putIfAbsent(seenKey(event), event) == null ? Outcome.ACCEPTED : Outcome.DUPLICATE);
        }
        Set<String> forwardedBefore = claim(candidates.values());
        List<String> forwarding = new ArrayList<>();
        for (BankEvent event : candidates.values()) {
            if (forwardedBefore.contains(seenKey(event))) {
                continue;
            }
            sends.add(publisher.publish(Topics.EVENTS_ACCEPTED, event.subject(), minimisedCloudEvent(event)));
            forwarding.add(seenKey(event));
        }
        EventPublisher.await(sends);
        if (!forwarding.isEmpty()) {
            seen.updateMany(Filters.in("_id", forwarding), Updates.set("status", "FORWARDED"));
        }
        var keys = new ArrayList<>(candidates.keySet());
        int candidate = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) == Outcome.ACCEPTED && forwardedBefore.contains(keys.get(candidate++))) {
                outcomes.set(i, Outcome.DUPLICATE);
            }
        }
        outcomes.forEach(o -> meters.counter("beacon.intake.events", "outcome", o.name().toLowerCase()).increment());
        return outcomes;
    }

    /**
     * Records each event as pending before forwarding it; returns the keys forwarded before, which are dropped.
     * A key left pending by a crash between forwarding and marking is forwarded again: downstream steps are
     * idempotent, so the worst case is a repeat that changes nothing, never a loss.
     */
    private Set<String> claim(java.util.Collection<BankEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        List<Document> pending = events.stream().map(e -> new Document("_id", seenKey(e)).append("status", "PENDING")
                .append("type", e.type().type()).append("receivedAt", Date.from(Instant.now()))).toList();
        List<String> existing = new ArrayList<>();
        try {
            seen.insertMany(pending, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                existing.add(pending.get(error.getIndex()).getString("_id"));
            }
        }
        if (existing.isEmpty()) {
            return Set.of();
        }
        Set<String> forwarded = new HashSet<>();
        seen.find(Filters.and(Filters.in("_id", existing), Filters.eq("status", "FORWARDED")))
                .forEach(d -> forwarded.add(d.getString("_id")));
        return forwarded;
    }

    /**
     * The de-duplication key as stored: a SHA-256 of CloudEvent source and id. A bank may build event ids from
     * customer ids; the store needs only to recognise a key again, never to read it.
     */
    static String seenKey(BankEvent event) {
        return Sha256.hex(event.dedupKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The event as it goes on beacon.events.accepted: a customer's name, birth date and contact points sealed for that
     * customer (ADR 0038), so that no internal topic carries them in clear; the profiles service opens them.
     */
    private io.cloudevents.CloudEvent minimisedCloudEvent(BankEvent event) {
        try {
            boolean personal = event.type() == io.beacon.contracts.BankEventType.CUSTOMER_UPDATED;
            var data = personal ? protection.sealPersonalData(event.subject(), event.data()) : event.data();
            var builder = CloudEventBuilder.v1()
                    .withId(event.id())
                    .withSource(URI.create(event.source()))
                    .withType(event.type().type())
                    .withSubject(event.subject())
                    .withDataContentType("application/json")
                    .withData(Json.mapper().writeValueAsBytes(data));
            if (personal) {
                builder.withExtension(io.beacon.platform.ContactPointProtection.SEALED_EXTENSION, "v1");
            }
            if (event.time() != null) {
                builder.withTime(event.time());
            }
            return builder.build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses what {@code POST /api/events} received: a body that is not JSON, or one event of a batch. */
    public CompletableFuture<?> reject(byte[] raw, ValidationResult.Invalid invalid) {
        return reject(ReceivedRecord.of(raw == null ? new byte[0] : raw), invalid.subject(), invalid.id(), invalid.reason());
    }

    /**
     * Publishes the refused record with the reason, its value as received or, when too large for that, its size and
     * digest ({@link RejectedRecord}); the sender can read why on bank.events.rejected.
     */
    CompletableFuture<?> reject(ReceivedRecord refused, String subject, String id, String reason) {
        var rejected = RejectedRecord.of(refused, subject, reason, Instant.now());
        // The reason names fields, never their values, and the value is logged by its size and digest only: a refused
        // event may carry contact points.
        log.warn("rejected record id={} key={} value={} size={} sha256={}: {}", id, rejected.key(),
                header(rejected, RejectedRecord.VALUE), header(rejected, RejectedRecord.SIZE),
                header(rejected, RejectedRecord.SHA256), header(rejected, RejectedRecord.REASON));
        return publisher.publish(rejected);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "-" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
