package io.beacon.email;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.beacon.delivery.Channel;
import io.beacon.delivery.DeliveryLedger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * What the reports add to the email sends of the delivery ledger ({@code deliveries}): which send a Message-ID names,
 * the soft bounces each send had (by report id, so a report read twice counts once), whether it bounced for good or
 * drew a complaint; and from that the sender's bounce and complaint rates.
 */
class SentEmails {

    /** Sends, bounces and complaints of the emails sent since some time. */
    record Counts(long sent, long bounced, long complained) {
    }

    private final MongoCollection<Document> deliveries;

    SentEmails(MongoDatabase database) {
        this.deliveries = database.getCollection(DeliveryLedger.COLLECTION);
    }

    /** Idempotent; a report is matched by the Message-ID the relay accepted, and the rates count a window of sends. */
    void ensureIndexes() {
        deliveries.createIndex(Indexes.ascending("providerMessageId"), new IndexOptions().name("providerMessageId"));
        deliveries.createIndex(Indexes.ascending("channel", "createdAt"), new IndexOptions().name("channel_createdAt"));
    }

    /** The idempotency key of the email send that carried this Message-ID; empty when Beacon sent no such email. */
    Optional<String> keyOf(String messageId) {
        Document send = deliveries.find(Filters.and(Filters.eq("channel", Channel.EMAIL.id()), Filters.eq("providerMessageId", messageId)))
                .projection(new Document("idempotencyKey", 1)).first();
        return Optional.ofNullable(send).map(d -> d.getString("idempotencyKey"));
    }

    /** Records a soft bounce of the send, once per report; returns how many the send has had. */
    int softBounce(String key, String reportId) {
        Document after = deliveries.findOneAndUpdate(Filters.eq("idempotencyKey", key), Updates.addToSet("softBounces", reportId),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return after == null ? 0 : after.getList("softBounces", String.class, List.of()).size();
    }

    /** @param kind {@code hard} or {@code soft-limit} */
    void markBounced(String key, String kind, Instant at) {
        deliveries.updateOne(Filters.and(Filters.eq("idempotencyKey", key), Filters.exists("bounced", false)),
                Updates.combine(Updates.set("bounced", kind), Updates.set("bouncedAt", Date.from(at))));
    }

    void markComplained(String key, Instant at) {
        deliveries.updateOne(Filters.and(Filters.eq("idempotencyKey", key), Filters.exists("complainedAt", false)),
                Updates.set("complainedAt", Date.from(at)));
    }

    /** Emails sent (accepted by the relay) since then, and how many of them bounced for good or drew a complaint. */
    Counts since(Instant from) {
        var sent = Filters.and(Filters.eq("channel", Channel.EMAIL.id()), Filters.gte("createdAt", Date.from(from)),
                Filters.ne("providerMessageId", null));
        return new Counts(deliveries.countDocuments(sent), deliveries.countDocuments(Filters.and(sent, Filters.exists("bounced"))),
                deliveries.countDocuments(Filters.and(sent, Filters.exists("complainedAt"))));
    }
}
