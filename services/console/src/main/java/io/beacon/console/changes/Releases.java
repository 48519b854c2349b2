package io.beacon.console.changes;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.beacon.contracts.LiveRelease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Every release that went live, in order, with its files, who proposed and who approved it, and the proposal it came
 * from (collection {@code releases}, id = number): the record a bank keeps of its customer communication rules. The
 * newest is live. A new number is taken by an insert, so two approvals racing for the same next number cannot both
 * win; it is published on beacon.releases before it counts, and removed again when that fails.
 */
public class Releases {

    /** A new release could not be made live; nothing changed. */
    public static class NotPublished extends RuntimeException {
        public NotPublished(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What the history shows of a release (no files). */
    public record Summary(long number, LiveRelease.Kind kind, String hash, String author, String approver, Instant at, String proposal,
                          Long restores) {
    }

    private final MongoCollection<Document> releases;
    private final ReleasePublisher publisher;

    public Releases(MongoDatabase database, ReleasePublisher publisher) {
        this.releases = database.getCollection("releases");
        this.publisher = publisher;
    }

    public Optional<LiveRelease> live() {
        return Optional.ofNullable(releases.find().sort(Sorts.descending("_id")).first()).map(Releases::release);
    }

    public Optional<LiveRelease> find(long number) {
        return Optional.ofNullable(releases.find(Filters.eq("_id", number)).first()).map(Releases::release);
    }

    /** Newest first. */
    public List<Summary> history(int limit) {
        var summaries = new ArrayList<Summary>();
        for (Document d : releases.find().projection(Projections.exclude("files")).sort(Sorts.descending("_id")).limit(limit)) {
            summaries.add(new Summary(d.getLong("_id"), LiveRelease.Kind.valueOf(d.getString("kind")), d.getString("hash"),
                    d.getString("author"), d.getString("approver"), d.getDate("at").toInstant(), d.getString("proposal"), d.getLong("restores")));
        }
        return summaries;
    }

    /**
     * Makes the release live: recorded under its number, then published; when another release took the number first
     * (a race) or the broker does not take it, nothing is live and {@link NotPublished} says why.
     */
    public void publish(LiveRelease release) {
        try {
            releases.insertOne(document(release));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new NotPublished("release " + release.number() + " went live meanwhile (another approval or rollback): look again", e);
            }
            throw e;
        }
        try {
            publisher.publish(release);
        } catch (RuntimeException e) {
            releases.deleteOne(Filters.eq("_id", release.number()));
            throw new NotPublished("the release could not be published on beacon.releases (" + e.getMessage() + "): nothing went live; try again", e);
        }
    }

    /** At start: the live release told again, in case the topic lost it (a new broker); the same files change nothing. */
    public void announceLive() {
        live().ifPresent(publisher::publish);
    }

    private static Document document(LiveRelease release) {
        var files = new ArrayList<Document>();
        // paths hold dots and slashes: stored as a list, not as field names
        release.files().forEach((path, text) -> files.add(new Document("path", path).append("text", text)));
        return new Document("_id", release.number()).append("kind", release.kind().name()).append("hash", release.hash())
                .append("files", files).append("author", release.author()).append("approver", release.approver())
                .append("at", Date.from(release.at())).append("proposal", release.proposal()).append("restores", release.restores());
    }

    private static LiveRelease release(Document d) {
        Map<String, String> files = new TreeMap<>();
        for (Document file : d.getList("files", Document.class)) {
            files.put(file.getString("path"), file.getString("text"));
        }
        return new LiveRelease(d.getLong("_id"), LiveRelease.Kind.valueOf(d.getString("kind")), d.getString("hash"), files,
                d.getString("author"), d.getString("approver"), d.getDate("at").toInstant(), d.getString("proposal"), d.getLong("restores"));
    }
}
