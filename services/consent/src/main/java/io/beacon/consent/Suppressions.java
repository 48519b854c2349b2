package io.beacon.consent;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * The contact points of erased persons, by their blind index (a one-way token, never the phone number or address): such
 * a contact point is never marketed again, whoever it is on file for now. Written by the erasure, read by the send lease.
 */
public class Suppressions {

    static final String COLLECTION = "suppressions";

    private final MongoCollection<Document> suppressions;

    public Suppressions(MongoDatabase database) {
        this.suppressions = database.getCollection(COLLECTION);
    }

    /** Keeps a contact point of a person being erased, by its blind index; idempotent. */
    public void keep(String token, String kind, Instant since) {
        suppressions.replaceOne(Filters.eq("_id", token), new Document("_id", token).append("kind", kind).append("since", Date.from(since)),
                new ReplaceOptions().upsert(true));
    }

    /** Whether the contact point with this blind index belonged to an erased person. */
    public boolean suppressed(String token) {
        return token != null && suppressions.find(Filters.eq("_id", token)).first() != null;
    }
}
