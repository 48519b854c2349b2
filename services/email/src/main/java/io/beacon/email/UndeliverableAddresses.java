package io.beacon.email;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Email addresses that bounced for good (a 5.x.x delivery status, ADR 0034), by the blind index profiles gives every
 * contact point (never the address): no email is sent to them again, whichever customer has them on file. Collection
 * {@code undeliverable} of this service's database.
 */
class UndeliverableAddresses {

    static final String COLLECTION = "undeliverable";

    private final MongoCollection<Document> addresses;

    UndeliverableAddresses(MongoDatabase database) {
        this.addresses = database.getCollection(COLLECTION);
    }

    /** Idempotent: the first hard bounce is kept as the evidence. */
    void mark(String contactToken, String status, String reportId, Instant at) {
        addresses.updateOne(Filters.eq("_id", contactToken), new Document("$setOnInsert",
                new Document("status", status).append("reportId", reportId).append("since", Date.from(at))),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    /** The status of the hard bounce that made this address undeliverable, or null when it may be sent to. */
    String bounced(String contactToken) {
        if (contactToken == null) {
            return null;
        }
        Document found = addresses.find(Filters.eq("_id", contactToken)).first();
        return found == null ? null : found.getString("status");
    }
}
