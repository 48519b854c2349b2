package io.beacon.profiles;

import io.beacon.platform.ContactPointProtection;
import org.bson.Document;

/**
 * A profile's name and birth date at rest (ADR 0038): sealed in the stored document like its contact points (ADR 0013),
 * bound to the customer and the field, and opened as a document is read, so that what reads a profile in memory
 * (snapshots, persona tags, audiences, the greeting) sees them in clear and MongoDB never holds them so.
 */
public final class SealedFields {

    private final ContactPointProtection protection;

    public SealedFields(ContactPointProtection protection) {
        this.protection = protection;
    }

    /** The stored document with its name and birth date opened, in place; null stays null. */
    public Document opened(Document stored) {
        if (stored != null) {
            for (String field : ContactPointProtection.PERSONAL_FIELDS) {
                if (stored.get(field) instanceof String sealed) {
                    stored.put(field, protection.open(stored.getString("_id"), field, sealed));
                }
            }
        }
        return stored;
    }

    /** A copy of a profile, as it is written: its name and birth date sealed for the customer. */
    public Document forStorage(Document profile) {
        var stored = new Document(profile);
        for (String field : ContactPointProtection.PERSONAL_FIELDS) {
            if (profile.get(field) instanceof String clear) {
                stored.put(field, protection.seal(profile.getString("_id"), field, clear));
            }
        }
        return stored;
    }
}
