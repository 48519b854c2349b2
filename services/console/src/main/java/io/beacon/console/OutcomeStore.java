package io.beacon.console;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.OfferOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The console's two projections of {@code beacon.offers}: {@code outcomes}, one minimised document per CloudEvent
 * id, and {@code funnel}, a counter per (journey, type, reason). Uses only single-document atomic writes, so it
 * behaves the same on a MongoDB replica set and on the embedded wire-protocol server, which has no transactions.
 */
public class OutcomeStore {

    static final String OUTCOMES = "outcomes";
    static final String FUNNEL = "funnel";

    private final MongoCollection<Document> outcomes;
    private final MongoCollection<Document> funnel;

    public OutcomeStore(MongoDatabase database) {
        this.outcomes = database.getCollection(OUTCOMES);
        this.funnel = database.getCollection(FUNNEL);
    }

    /** Serves the customer timeline and the "latest outcomes" list without a collection scan. */
    public void ensureIndexes() {
        outcomes.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("at")));
        outcomes.createIndex(Indexes.descending("at"));
    }

    /**
     * Stores an outcome under its CloudEvent id and counts it in the funnel, once: a redelivered record hits the
     * unique {@code _id} and changes nothing.
     *
     * <p>Without a transaction the two writes are not atomic: a crash between them leaves the outcome stored but
     * uncounted, and the redelivery will not count it either. Under-counting by the records in flight at a crash
     * was preferred to double counting; the funnel can always be rebuilt from {@code outcomes}.
     *
     * @return true when the outcome was new
     */
    public boolean record(String eventId, OfferOutcome outcome, Instant at) {
        String reason = outcome.reason() == null ? null : outcome.reason().name();
        var document = new Document("_id", eventId)
                .append("type", outcome.type().name())
                .append("customerId", outcome.customerId())
                .append("at", Date.from(at));
        putIfPresent(document, "journey", outcome.journey());
        putIfPresent(document, "step", outcome.step());
        putIfPresent(document, "productCode", outcome.productCode());
        putIfPresent(document, "channel", outcome.channel());
        putIfPresent(document, "reason", reason);
        putIfPresent(document, "trigger", outcome.trigger());
        try {
            outcomes.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        funnel.updateOne(Filters.eq("_id", funnelKey(outcome.journey(), outcome.type().name(), reason)),
                Updates.inc("count", 1L), new UpdateOptions().upsert(true));
        return true;
    }

    /** Every counter, ordered by journey (outcomes without a journey first), type and reason. */
    public List<FunnelCount> funnel() {
        var counts = new ArrayList<FunnelCount>();
        for (Document document : funnel.find()) {
            Document key = document.get("_id", Document.class);
            counts.add(new FunnelCount(key.getString("journey"), key.getString("type"), key.getString("reason"),
                    ((Number) document.get("count")).longValue()));
        }
        Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        counts.sort(Comparator.comparing(FunnelCount::journey, nullsFirst)
                .thenComparing(FunnelCount::type)
                .thenComparing(FunnelCount::reason, nullsFirst));
        return counts;
    }

    /** The newest outcomes first, of one customer (their timeline) or, with a null customer id, of everyone. */
    public List<OutcomeView> latest(String customerId, int limit) {
        Bson filter = customerId == null ? new Document() : Filters.eq("customerId", customerId);
        var views = new ArrayList<OutcomeView>(limit);
        for (Document d : outcomes.find(filter).sort(Sorts.descending("at", "_id")).limit(limit)) {
            views.add(new OutcomeView(d.getString("_id"), d.getString("type"), d.getString("customerId"),
                    d.getString("journey"), d.getString("step"), d.getString("productCode"), d.getString("channel"),
                    d.getString("reason"), d.getString("trigger"), d.getDate("at").toInstant()));
        }
        return views;
    }

    /**
     * The key is the whole (journey, type, reason) as a sub-document {@code _id}, so concurrent upserts of a new
     * counter from several consumers collide on the primary key instead of creating two counters.
     * Field order is fixed here because sub-document equality is order-sensitive.
     */
    private static Document funnelKey(String journey, String type, String reason) {
        return new Document("journey", journey).append("type", type).append("reason", reason);
    }

    private static void putIfPresent(Document document, String field, String value) {
        if (value != null) {
            document.append(field, value);
        }
    }
}
