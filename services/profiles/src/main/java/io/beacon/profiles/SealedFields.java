package io.beacon.profiles;

import io.beacon.platform.ContactPointProtection;
import com.mongodb.client.model.Projections;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A profile's name and birth date at rest (ADR 0038): sealed in the stored document like its contact points (ADR 0013),
 * bound to the customer and the field, and opened as a document is read, so that what reads a profile in memory
 * (snapshots, persona tags, audiences, the greeting) sees them in clear and MongoDB never holds them so.
 * <p>
 * A sealed document says so ({@value #MARKER}): a profile written before its fields were sealed holds them in clear
 * and no marker, is read as it is, and is sealed by its next write. So an upgrade reads every profile it finds, and a
 * value that does not open under the configured keys still fails loudly rather than being taken for a name.
 */
public final class SealedFields {

    /** The field of a stored profile whose name and birth date are sealed, and the version of that sealing. */
    static final String MARKER = "personalDataSealed";

    private final ContactPointProtection protection;

    public SealedFields(ContactPointProtection protection) {
        this.protection = protection;
    }

    /** The stored document with its name and birth date opened, in place (a document without the marker is read as it is); null stays null. */
    public Document opened(Document stored) {
        if (stored != null && stored.remove(MARKER) != null) {
            for (String field : ContactPointProtection.PERSONAL_FIELDS) {
                if (stored.get(field) instanceof String sealed) {
                    stored.put(field, protection.open(stored.getString("_id"), field, sealed));
                }
            }
        }
        return stored;
    }

    /** The projection of a scan that reads these fields of each profile: with the marker, so that they open. */
    public static Bson including(List<String> fields) {
        return Projections.include(Stream.concat(fields.stream(), Stream.of(MARKER)).toList());
    }

    /** A copy of a profile, as it is written: its name and birth date sealed for the customer. */
    public Document forStorage(Document profile) {
        var stored = new Document(profile);
        stored.put(MARKER, "v1");
        for (String field : ContactPointProtection.PERSONAL_FIELDS) {
            if (profile.get(field) instanceof String clear) {
                stored.put(field, protection.seal(profile.getString("_id"), field, clear));
            }
        }
        return stored;
    }
}
