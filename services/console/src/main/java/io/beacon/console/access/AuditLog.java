package io.beacon.console.access;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did or tried what in the console, when, on what, and with what result: one document per act in
 * {@code audit}, and the same as one line of the {@code beacon.audit} log. Refusals are written as carefully as
 * successes: compliance asks about both. Never a contact point, never a password or token.
 */
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("beacon.audit");

    /** What a compliance search shows of one act. */
    public record Entry(Instant at, String actor, String action, String target, String customerId, String result, String detail) {
    }

    private final MongoCollection<Document> audit;

    public AuditLog(MongoDatabase database) {
        this.audit = database.getCollection("audit");
    }

    public void ensureIndexes() {
        audit.createIndex(Indexes.descending("at"));
        audit.createIndex(Indexes.ascending("customerId"));
    }

    /**
     * @param target     what was acted on (review/{id}, a page), never naming the customer
     * @param customerId the customer concerned, or null; cleared when the customer is erased
     * @param result ACCEPTED, or why it was refused (FORBIDDEN, INVALID, CONFLICT, ...)
     * @param detail free text a reviewer wrote (a reason, a note) or what was wrong with the request
     */
    public void record(String actor, String action, String target, String customerId, String result, String detail) {
        Instant at = Instant.now();
        audit.insertOne(new Document("at", Date.from(at)).append("actor", actor).append("action", action)
                .append("target", target).append("customerId", customerId).append("result", result).append("detail", detail));
        log.info("actor={} action={} target={} customer={} result={}{}", actor, action, target, customerId, result,
                detail == null || "ACCEPTED".equals(result) ? "" : " detail=\"" + detail.replace('"', '\'') + "\"");
    }

    /** Newest first, between from and to (either may be null), optionally about one customer. */
    public List<Entry> search(Instant from, Instant to, String customerId, int limit) {
        var filters = new ArrayList<Bson>();
        if (from != null) {
            filters.add(Filters.gte("at", Date.from(from)));
        }
        if (to != null) {
            filters.add(Filters.lt("at", Date.from(to)));
        }
        if (customerId != null) {
            filters.add(Filters.eq("customerId", customerId));
        }
        var entries = new ArrayList<Entry>();
        for (Document d : audit.find(filters.isEmpty() ? new Document() : Filters.and(filters)).sort(Sorts.descending("at")).limit(limit)) {
            entries.add(new Entry(d.getDate("at").toInstant(), d.getString("actor"), d.getString("action"),
                    d.getString("target"), d.getString("customerId"), d.getString("result"), d.getString("detail")));
        }
        return entries;
    }
}
