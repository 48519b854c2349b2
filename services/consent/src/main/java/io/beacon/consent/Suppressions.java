package io.beacon.consent;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
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

    /** Whether the contact point with this blind index belonged to an erased person. */
    public boolean suppressed(String token) {
        return token != null && suppressions.find(Filters.eq("_id", token)).first() != null;
    }
}
