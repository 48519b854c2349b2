package io.beacon.consent;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Consent per customer, channel and purpose, with an append-only history. No record means no consent:
 * electronic marketing needs a prior grant or a soft opt-in (PECR).
 */
public class ConsentLedger {

    public static final Set<String> CHANNELS = Set.of("sms", "push", "email");
    public static final Set<String> PURPOSES = Set.of("marketing", "profiling");

    private final MongoCollection<Document> consents;
    private final MongoCollection<Document> history;

    public ConsentLedger(MongoDatabase database) {
        this.consents = database.getCollection("consents");
        this.history = database.getCollection("consent_history");
    }

    public record Decision(boolean allowed, ReasonCode reason) {
    }

    /**
     * Records a change; returns false when the same change (by id) was recorded before.
     *
     * @param channel sms, push, email, or all (an objection or a grant on every channel)
     */
    public boolean record(String changeId, ConsentChange change, String legalBasis) {
        Document entry = new Document("_id", changeId)
                .append("customerId", change.customerId())
                .append("channel", change.channel())
                .append("purpose", change.purpose())
                .append("granted", change.granted())
                .append("legalBasis", legalBasis)
                .append("source", change.source())
                .append("at", Date.from(change.at()));
        try {
            history.insertOne(entry);
        } catch (com.mongodb.MongoWriteException e) {
            if (e.getError().getCategory() == com.mongodb.ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        List<String> channels = "all".equals(change.channel()) ? List.copyOf(CHANNELS) : List.of(change.channel());
        List<Bson> updates = new ArrayList<>();
        for (String channel : channels) {
            String path = channel + "." + change.purpose();
            updates.add(Updates.set(path + ".granted", change.granted()));
            updates.add(Updates.set(path + ".legalBasis", legalBasis));
            updates.add(Updates.set(path + ".source", change.source()));
            updates.add(Updates.set(path + ".at", Date.from(change.at())));
        }
        if ("all".equals(change.channel()) && "marketing".equals(change.purpose()) && !change.granted()) {
            // GDPR Art. 21: an objection to direct marketing also stops the profiling done for it.
            updates.add(Updates.set("objected", true));
        }
        if ("all".equals(change.channel()) && "marketing".equals(change.purpose()) && change.granted()) {
            updates.add(Updates.set("objected", false));
        }
        updates.add(Updates.set("updatedAt", Date.from(Instant.now())));
        consents.updateOne(Filters.eq("_id", change.customerId()), Updates.combine(updates), new UpdateOptions().upsert(true));
        return true;
    }

    public Decision check(String customerId, String channel, String purpose) {
        return decide(consents.find(Filters.eq("_id", customerId)).first(), channel, purpose);
    }

    /** {@link #check} on every channel, from one read of the customer's consents. */
    public Map<String, Decision> checkAll(String customerId, String purpose) {
        Document consent = consents.find(Filters.eq("_id", customerId)).first();
        var decisions = new java.util.TreeMap<String, Decision>();
        for (String channel : CHANNELS) {
            decisions.put(channel, decide(consent, channel, purpose));
        }
        return decisions;
    }

    private static Decision decide(Document consent, String channel, String purpose) {
        if (consent == null) {
            return new Decision(false, ReasonCode.NO_CONSENT);
        }
        if (consent.getBoolean("objected", false)) {
            return new Decision(false, ReasonCode.OPTED_OUT);
        }
        Document state = consent.get(channel, new Document()).get(purpose, Document.class);
        if (state == null) {
            return new Decision(false, ReasonCode.NO_CONSENT);
        }
        return state.getBoolean("granted", false) ? new Decision(true, null) : new Decision(false, ReasonCode.OPTED_OUT);
    }

    public List<Document> history(String customerId) {
        return history.find(Filters.eq("customerId", customerId)).sort(new Document("at", 1))
                .projection(new Document("_id", 0)).into(new ArrayList<>());
    }

    /** Every customer's changes between from (inclusive) and to (exclusive, or null), newest first: compliance's search. */
    public List<Document> changes(java.time.Instant from, java.time.Instant to, int limit) {
        var range = to == null ? Filters.gte("at", java.util.Date.from(from))
                : Filters.and(Filters.gte("at", java.util.Date.from(from)), Filters.lt("at", java.util.Date.from(to)));
        return history.find(range).sort(new Document("at", -1)).limit(limit)
                .projection(new Document("_id", 0)).into(new ArrayList<>());
    }

    public Document current(String customerId) {
        return consents.find(Filters.eq("_id", customerId)).first();
    }
}
