package io.beacon.delivery;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.ReasonCode;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * The exactly-once record of every send, one document per idempotency key in the collection {@code deliveries}.
 * <p>
 * States: PENDING is written before the provider is called; a provider message id on a PENDING record (Twilio's sid,
 * the SMTP Message-ID, FCM's message name) means the provider accepted the message but the outcome may not be
 * published yet; SENT, FAILED and SUPPRESSED are written only after the outcome was published, so a terminal record
 * means "nothing left to do". It holds no message text and only a masked contact point: the ledger proves a send happened, it is not
 * a copy of it.
 */
public class DeliveryLedger {

    public static final String COLLECTION = "deliveries";

    /** SUPPRESSED: claimed, then refused at the send lease (consent withdrawn in between); nothing was sent. */
    public enum State { PENDING, SENT, FAILED, SUPPRESSED }

    /**
     * One ledger record as the delivery logic needs it.
     *
     * @param attemptedAt set right before a provider call, cleared when that call certainly sent nothing: a PENDING
     *                    record with it and without a provider id is an uncertain outcome (ADR 0011)
     * @param fingerprint what the sender recorded to recognise its message at the provider (SMS: a SHA-256 of number,
     *                    sender and text), or null
     */
    public record Entry(String idempotencyKey, State state, String providerMessageId, ReasonCode reason,
                        Instant attemptedAt, String fingerprint, String detail) {

        public Entry(String idempotencyKey, State state, String providerMessageId, ReasonCode reason) {
            this(idempotencyKey, state, providerMessageId, reason, null, null, null);
        }

        /** A SENT whose outcome could not be learnt (ADR 0036): its detail starts with {@code outcome-unknown}. */
        public boolean unconfirmed() {
            return state == State.SENT && detail != null && detail.startsWith(ExactlyOnceDelivery.OUTCOME_UNKNOWN);
        }

        /** A provider call may have left and nothing came back: only the provider can say what happened. */
        public boolean uncertain() {
            return state == State.PENDING && providerMessageId == null && attemptedAt != null;
        }
    }

    private final MongoCollection<Document> deliveries;
    private final Clock clock;

    public DeliveryLedger(MongoDatabase database, Clock clock) {
        this.deliveries = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /**
     * The send recorded under this key, as the job asked for it (for receipts, which carry only the key, and an email
     * resent after a soft bounce): everything but the RM's personal note, which is message text and not kept here.
     */
    public Optional<DeliveryRequest> request(String idempotencyKey) {
        Document d = deliveries.find(Filters.eq("idempotencyKey", idempotencyKey)).first();
        if (d == null) {
            return Optional.empty();
        }
        Channel channel = java.util.Arrays.stream(Channel.values()).filter(c -> c.id().equals(d.getString("channel"))).findFirst().orElseThrow();
        return Optional.of(new DeliveryRequest(channel, d.getString("customerId"), d.getString("productCode"), d.getString("trigger"),
                d.getString("journey"), d.getString("journeyInstance"), d.getString("step"), d.getString("sourceEventId"),
                d.getString("decisionId"), null, d.getInteger("journeyVersion"), d.getString("stage"), d.getString("variant"),
                d.getString("template")));
    }

    /** Idempotent; called at start so the unique key is in place before the first insert. */
    public void ensureIndexes() {
        deliveries.createIndex(Indexes.ascending("idempotencyKey"),
                new IndexOptions().unique(true).name("idempotencyKey_unique"));
    }

    public Optional<Entry> find(String idempotencyKey) {
        return Optional.ofNullable(deliveries.find(Filters.eq("idempotencyKey", idempotencyKey)).first()).map(DeliveryLedger::entry);
    }

    /**
     * Records the intent to send. Returns empty when this call created the record, or the record that was already
     * there: the unique index, not a read-then-write, decides who owns the send.
     */
    public Optional<Entry> claim(DeliveryRequest request, String maskedRecipient) {
        Instant now = clock.instant();
        var document = new Document("idempotencyKey", request.idempotencyKey())
                .append("channel", request.channel().id())
                .append("state", State.PENDING.name())
                .append("customerId", request.customerId())
                .append("journey", request.journey())
                .append("journeyInstance", request.journeyInstance())
                .append("step", request.step())
                .append("productCode", request.productCode())
                .append("trigger", request.trigger())
                .append("sourceEventId", request.sourceEventId())
                .append("decisionId", request.decisionId())
                .append("journeyVersion", request.journeyVersion())
                .append("stage", request.stage())
                .append("variant", request.variant())
                .append("template", request.template())
                .append("recipient", maskedRecipient)
                .append("createdAt", Date.from(now))
                .append("updatedAt", Date.from(now));
        try {
            deliveries.insertOne(document);
            return Optional.empty();
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return find(request.idempotencyKey());
        }
    }

    /** Written as soon as the provider answers, so a crash before the outcome is published never causes a resend. */
    public void recordAccepted(String idempotencyKey, String providerMessageId, String providerStatus) {
        update(idempotencyKey, Updates.combine(
                Updates.set("providerMessageId", providerMessageId),
                Updates.set("providerStatus", providerStatus)));
    }

    /** Written right before the provider call; from here on a PENDING record without a provider id is uncertain. */
    public void markAttempted(String idempotencyKey, String fingerprint) {
        update(idempotencyKey, Updates.combine(
                Updates.set("attemptedAt", Date.from(clock.instant())),
                Updates.set("fingerprint", fingerprint)));
    }

    /** The call certainly sent nothing (refused connection, breaker open, 429, 5xx): a retry may send freely. */
    public void markNotAttempted(String idempotencyKey) {
        update(idempotencyKey, Updates.unset("attemptedAt"));
    }

    /**
     * A receipt or lookup named the provider's id for a send whose answer was lost; only a PENDING record without an
     * id takes it. Returns whether it did.
     */
    public boolean recordFound(String idempotencyKey, String providerMessageId, String providerStatus) {
        var result = deliveries.updateOne(Filters.and(Filters.eq("idempotencyKey", idempotencyKey),
                        Filters.eq("state", State.PENDING.name()), Filters.eq("providerMessageId", null)),
                Updates.combine(Updates.set("providerMessageId", providerMessageId), Updates.set("providerStatus", providerStatus),
                        Updates.set("updatedAt", Date.from(clock.instant()))));
        return result.getModifiedCount() == 1;
    }

    public void markSent(String idempotencyKey) {
        update(idempotencyKey, Updates.set("state", State.SENT.name()));
    }

    /** SENT, unconfirmed: the request left, no answer came and the provider cannot be asked (ADR 0036). */
    public void markSentUnconfirmed(String idempotencyKey, String detail) {
        update(idempotencyKey, Updates.combine(
                Updates.set("state", State.SENT.name()),
                Updates.set("detail", detail)));
    }

    public void markFailed(String idempotencyKey, ReasonCode reason, String detail) {
        update(idempotencyKey, Updates.combine(
                Updates.set("state", State.FAILED.name()),
                Updates.set("reason", reason.name()),
                Updates.set("detail", detail)));
    }

    /** The send lease was refused right before the provider call: nothing left, and nothing will (ADR 0015). */
    public void markSuppressed(String idempotencyKey, ReasonCode reason, String detail) {
        update(idempotencyKey, Updates.combine(
                Updates.set("state", State.SUPPRESSED.name()),
                Updates.unset("attemptedAt"),
                Updates.set("reason", reason.name()),
                Updates.set("detail", detail)));
    }

    private void update(String idempotencyKey, org.bson.conversions.Bson change) {
        var result = deliveries.updateOne(Filters.eq("idempotencyKey", idempotencyKey),
                Updates.combine(change, Updates.set("updatedAt", Date.from(clock.instant()))));
        if (result.getMatchedCount() != 1) {
            throw new IllegalStateException("no delivery ledger record for " + idempotencyKey);
        }
    }

    private static Entry entry(Document document) {
        String reason = document.getString("reason");
        Date attemptedAt = document.getDate("attemptedAt");
        return new Entry(document.getString("idempotencyKey"), State.valueOf(document.getString("state")),
                document.getString("providerMessageId"), reason == null ? null : ReasonCode.valueOf(reason),
                attemptedAt == null ? null : attemptedAt.toInstant(), document.getString("fingerprint"), document.getString("detail"));
    }
}
