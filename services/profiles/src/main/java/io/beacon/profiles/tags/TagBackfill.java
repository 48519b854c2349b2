package io.beacon.profiles.tags;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes one tag for every customer from the recorded accepted events (ADR 0022). Streaming: the recorded events
 * of the tag's type go to a scratch collection ({@code tag_backfill}, keyed by tag and event id, so a replay twice is
 * the same), then the profiles are read with a cursor and each is given its own recorded events; nothing holds all
 * customers in memory. Only the events before the tag's live state began are added, and the state is then marked as
 * back-filled, so a second run changes nothing and no event counts twice. Each profile is written under its version
 * check, as a batch of events is; a profile changed meanwhile is read again.
 */
public class TagBackfill {

    private static final Logger log = LoggerFactory.getLogger(TagBackfill.class);
    private static final int ATTEMPTS = 5;

    /** Where the accepted events are recorded: {@code replay} hands each, in order, to the sink and then returns. */
    public interface AcceptedEventLog {
        void replay(Consumer<Replayed> sink);
    }

    /** One recorded accepted event. */
    public record Replayed(String customerId, String eventId, BankEventType type, JsonNode data, Instant at) {
    }

    /** What one back-fill did. */
    public record Result(String tag, long eventsRecorded, long profilesRead, long profilesChanged) {
    }

    private final MongoCollection<Document> profiles;
    private final MongoCollection<Document> scratch;
    private final Supplier<PersonaTags> tags;
    private final AcceptedEventLog events;
    private final Clock clock;

    private final io.beacon.profiles.SealedFields sealed;

    public TagBackfill(MongoDatabase database, Supplier<PersonaTags> tags, AcceptedEventLog events, Clock clock, io.beacon.profiles.SealedFields sealed) {
        this.profiles = database.getCollection("profiles");
        this.sealed = sealed;
        this.scratch = database.getCollection("tag_backfill");
        this.tags = tags;
        this.events = events;
        this.clock = clock;
    }

    /** Back-fills the named tag; throws IllegalArgumentException when no definition of that name is loaded. */
    public synchronized Result run(String tagName) {
        PersonaTags definitions = tags.get();
        TagDefinition d = definitions.definitions().stream().filter(t -> t.name().equals(tagName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tag " + tagName + " is defined"));
        scratch.createIndex(Indexes.ascending("tag", "customerId"));
        scratch.deleteMany(Filters.eq("tag", tagName));
        long[] recorded = {0};
        if (d.event() != null) {
            events.replay(e -> {
                if (e.type() == d.event()) {
                    scratch.replaceOne(Filters.eq("_id", tagName + " " + e.eventId()), new Document("_id", tagName + " " + e.eventId())
                            .append("tag", tagName).append("customerId", e.customerId()).append("type", e.type().type())
                            .append("at", Date.from(e.at())).append("data", Document.parse(e.data().toString())),
                            new ReplaceOptions().upsert(true));
                    recorded[0]++;
                }
            });
        }
        long read = 0;
        long changed = 0;
        Instant now = clock.instant();
        for (Document profile : profiles.find().projection(new Document("_id", 1))) {
            read++;
            if (backfillOne(definitions, tagName, profile.getString("_id"), now)) {
                changed++;
            }
        }
        // the scratch holds event data: it lives no longer than the run
        scratch.deleteMany(Filters.eq("tag", tagName));
        var result = new Result(tagName, recorded[0], read, changed);
        log.info("back-fill of tag {}: {} recorded events, {} profiles read, {} changed", tagName, recorded[0], read, changed);
        return result;
    }

    private boolean backfillOne(PersonaTags definitions, String tagName, String customerId, Instant now) {
        List<PersonaTags.Recorded> recorded = new ArrayList<>();
        scratch.find(Filters.and(Filters.eq("tag", tagName), Filters.eq("customerId", customerId))).sort(Sorts.ascending("at"))
                .forEach(r -> recorded.add(new PersonaTags.Recorded(BankEventType.of(r.getString("type")).orElseThrow(),
                        Json.mapper().valueToTree(r.get("data", Document.class)), r.getDate("at").toInstant())));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document profile = sealed.opened(profiles.find(Filters.eq("_id", customerId)).first());
            if (profile == null || !definitions.backfill(profile, tagName, recorded, now)) {
                return false;
            }
            Long version = profile.getLong("version");
            profile.put("version", version == null ? 1L : version + 1);
            var expected = version == null ? Filters.and(Filters.eq("_id", customerId), Filters.exists("version", false))
                    : Filters.and(Filters.eq("_id", customerId), Filters.eq("version", version));
            if (profiles.replaceOne(expected, sealed.forStorage(profile)).getMatchedCount() == 1) {
                return true;
            }
        }
        throw new IllegalStateException("profile " + customerId + " kept changing during the back-fill of " + tagName);
    }
}
