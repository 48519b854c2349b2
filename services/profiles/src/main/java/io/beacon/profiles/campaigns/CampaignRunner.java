package io.beacon.profiles.campaigns;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.Topics;
import io.beacon.platform.EventPublisher;
import io.beacon.profiles.ProfileSnapshots;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduled campaigns: at its time a campaign run streams every profile past the audience, records each member,
 * then hands the members to decisioning as profiled events of type {@value #TYPE}, throttled, each inside its own send
 * window, each once.
 *
 * <p>Everything a run knows lives in MongoDB, so any instance can carry on where another stopped:
 * <ul>
 *   <li>{@code campaign_runs}: one document per run (id {@code <campaign>-<yyyyMMddTHHmmssZ of the time it was due>}),
 *   created with an insert whose id collides on every other instance; claimed for a lease with a single-document
 *   atomic update, as DormancyScan claims customers; the scan's checkpoint (the last profile id judged) and the counts.</li>
 *   <li>{@code campaign_members}: one document per member (id = the event id {@code campaign-<campaign>-<run>-<customer>}),
 *   upserted by the scan (a rescanned batch finds them already there) with the instant its window opens, and marked
 *   emitted once the broker has its event. A member is published only while unmarked, and a published one is marked
 *   before the next batch; only a process killed between the broker's acknowledgement and that mark publishes a member
 *   again, under the same event id, which decisioning decides once (its decision records and journey starts are keyed
 *   by the event id).</li>
 * </ul>
 */
public class CampaignRunner {

    public static final String TYPE = "beacon.campaign.member";
    public static final String SOURCE = "/beacon/profiles/campaigns";
    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);
    private static final DateTimeFormatter RUN_KEY = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public enum Status { SCANNING, AWAITING_CONFIRMATION, EMITTING, DONE, STOPPED }

    /** Live progress of one run, as the console shows it. */
    public record Progress(String runId, String campaignId, String offerCode, Status status, Instant dueAt, long scanned,
                           long found, long triggered, long waitingForWindow, long remaining, Duration timeLeft,
                           long confirmAbove, String confirmedBy, String stoppedBecause) {
    }

    private final MongoCollection<Document> profiles;
    private final MongoCollection<Document> runs;
    private final MongoCollection<Document> members;
    private final MongoCollection<Document> publications;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Supplier<CampaignDefinitions> definitions;
    private final String owner;
    private final Duration lease;
    private final int batchSize;
    private final Duration catchUp;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final io.beacon.profiles.SealedFields sealed;

    public CampaignRunner(MongoDatabase database, EventPublisher publisher, Clock clock, Supplier<CampaignDefinitions> definitions,
                          Duration lease, int batchSize, Duration catchUp, io.beacon.profiles.SealedFields sealed) {
        this.profiles = database.getCollection("profiles");
        this.sealed = sealed;
        this.runs = database.getCollection("campaign_runs");
        this.members = database.getCollection("campaign_members");
        this.publications = database.getCollection("campaign_publications");
        this.publisher = publisher;
        this.clock = clock;
        this.definitions = definitions;
        this.owner = "profiles-" + UUID.randomUUID();
        this.lease = lease;
        this.batchSize = batchSize;
        this.catchUp = catchUp;
    }

    /** The members' look-ups by run; a real MongoDB serves them from this index (the stand-in ignores it, still correct). */
    public void ensureIndexes() {
        members.createIndex(Indexes.ascending("run", "emittedAt", "dueAt"));
        runs.createIndex(Indexes.ascending("status", "dueAt"));
    }

    /** One pass: create the runs that are due, then work on every run this instance can claim. */
    public void tick() {
        schedule();
        for (Document run : runs.find(Filters.in("status", Status.SCANNING.name(), Status.EMITTING.name())).sort(Sorts.ascending("dueAt"))) {
            try {
                work(run.getString("_id"));
            } catch (RuntimeException e) {
                // the run keeps its checkpoint and its marks; the next pass (here or on another instance) carries on
                log.warn("campaign run {} interrupted, it resumes from its checkpoint: {}", run.getString("_id"), e.toString());
            }
        }
    }

    /** Creates a run for each campaign that is due; the same run on every instance, created once. */
    public List<String> schedule() {
        Instant now = Instant.now(clock);
        List<String> created = new ArrayList<>();
        for (Campaign campaign : definitions.get().campaigns().values()) {
            Optional<Instant> due = campaign.schedule().due(now, publishedAt(campaign, now), catchUp);
            if (due.isEmpty()) {
                continue;
            }
            String runId = runId(campaign.id(), due.get());
            try {
                runs.insertOne(new Document("_id", runId).append("campaignId", campaign.id()).append("campaignVersion", campaign.fingerprint())
                        .append("audience", campaign.audienceId()).append("offer", campaign.offerCode()).append("dueAt", Date.from(due.get()))
                        .append("status", Status.SCANNING.name()).append("scanned", 0L).append("found", 0L).append("triggered", 0L)
                        .append("ratePerSecond", campaign.ratePerSecond()).append("confirmAbove", campaign.confirmAbove())
                        .append("window", new Document("from", campaign.sendWindow().from().toString()).append("until", campaign.sendWindow().until().toString()))
                        .append("createdAt", Date.from(now)));
                created.add(runId);
                log.info("campaign run {} created (offer {}, audience {})", runId, campaign.offerCode(), campaign.audienceId());
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        return created;
    }

    /** When this version of the campaign was first seen by any instance: what "afterPublished" counts from. */
    public Instant publishedAt(Campaign campaign, Instant now) {
        Document doc = publications.findOneAndUpdate(Filters.eq("_id", campaign.id() + ":" + campaign.fingerprint()),
                Updates.setOnInsert("publishedAt", Date.from(now)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return doc.getDate("publishedAt").toInstant();
    }

    public static String runId(String campaignId, Instant dueAt) {
        return campaignId + "-" + RUN_KEY.format(dueAt);
    }

    public static String eventId(String runId, String customerId) {
        return "campaign-" + runId + "-" + customerId;
    }

    /** Works on one run as far as it can go now, if this instance can claim it. */
    public void work(String runId) {
        Document run = claim(runId);
        if (run == null) {
            return;
        }
        Audience audience = definitions.get().audiences().get(run.getString("audience"));
        if (Status.SCANNING.name().equals(run.getString("status"))) {
            if (audience == null) {
                stop(runId, "audience '" + run.getString("audience") + "' is no longer declared");
                return;
            }
            if (!scan(run, audience)) {
                return;
            }
            run = runs.find(Filters.eq("_id", runId)).first();
            long found = run.getLong("found");
            Status next = found > run.getLong("confirmAbove") ? Status.AWAITING_CONFIRMATION : Status.EMITTING;
            runs.updateOne(owned(runId), Updates.combine(Updates.set("status", next.name()), Updates.set("scannedAt", Date.from(Instant.now(clock)))));
            log.info("campaign run {}: {} members found{}", runId, found, next == Status.AWAITING_CONFIRMATION ? ", more than "
                    + run.getLong("confirmAbove") + ": waiting for a confirmation" : "");
            if (next == Status.AWAITING_CONFIRMATION) {
                release(runId);
                return;
            }
            run = runs.find(Filters.eq("_id", runId)).first();
        }
        if (Status.EMITTING.name().equals(run.getString("status"))) {
            emitDue(run);
        }
    }

    /** A run larger than its campaign's confirmAbove starts emitting only once someone confirms it. */
    public boolean confirm(String runId, String who) {
        return runs.updateOne(Filters.and(Filters.eq("_id", runId), Filters.eq("status", Status.AWAITING_CONFIRMATION.name())),
                Updates.combine(Updates.set("status", Status.EMITTING.name()), Updates.set("confirmedBy", who),
                        Updates.set("confirmedAt", Date.from(Instant.now(clock))))).getModifiedCount() == 1;
    }

    private Document claim(String runId) {
        Date now = Date.from(Instant.now(clock));
        return runs.findOneAndUpdate(Filters.and(Filters.eq("_id", runId),
                        Filters.in("status", Status.SCANNING.name(), Status.EMITTING.name()),
                        Filters.or(Filters.exists("owner", false), Filters.eq("owner", owner), Filters.lt("leaseUntil", now))),
                Updates.combine(Updates.set("owner", owner), Updates.set("leaseUntil", Date.from(now.toInstant().plus(lease)))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    private Bson owned(String runId) {
        return Filters.and(Filters.eq("_id", runId), Filters.eq("owner", owner));
    }

    private void stop(String runId, String reason) {
        runs.updateOne(owned(runId), Updates.combine(Updates.set("status", Status.STOPPED.name()), Updates.set("stoppedBecause", reason)));
        log.warn("campaign run {} stopped: {}", runId, reason);
    }

    /**
     * Streams the profiles after the checkpoint in id order (the _id index), only the fields an audience reads, and
     * records the members batch by batch, moving the checkpoint after each batch.
     *
     * @return false when this instance lost the run to another
     */
    private boolean scan(Document run, Audience audience) {
        String runId = run.getString("_id");
        String after = run.getString("checkpoint");
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        SendWindow window = window(run);
        Instant notBefore = now;
        Bson filter = after == null ? new Document() : Filters.gt("_id", after);
        List<WriteModel<Document>> batch = new ArrayList<>(batchSize);
        int judged = 0;
        String last = after;
        try (MongoCursor<Document> cursor = profiles.find(filter).projection(io.beacon.profiles.SealedFields.including(AudienceExpression.PROFILE_FIELDS))
                .sort(Sorts.ascending("_id")).batchSize(batchSize).iterator()) {
            while (cursor.hasNext()) {
                Document profile = sealed.opened(cursor.next());
                last = profile.getString("_id");
                judged++;
                if (audience.expression().matches(AudienceExpression.variables(profile, now, today))) {
                    ZoneId zone = zone(profile.getString("timeZone"));
                    batch.add(new UpdateOneModel<>(Filters.eq("_id", eventId(runId, last)),
                            Updates.combine(Updates.setOnInsert("run", runId), Updates.setOnInsert("customerId", last),
                                    Updates.setOnInsert("dueAt", Date.from(window.nextOpening(notBefore, zone)))),
                            new UpdateOptions().upsert(true)));
                }
                if (judged == batchSize) {
                    if (!checkpoint(runId, batch, judged, last)) {
                        return false;
                    }
                    batch.clear();
                    judged = 0;
                }
            }
        }
        return checkpoint(runId, batch, judged, last);
    }

    private boolean checkpoint(String runId, List<WriteModel<Document>> batch, int judged, String last) {
        long added = batch.isEmpty() ? 0 : members.bulkWrite(batch).getUpserts().size();
        Date now = Date.from(Instant.now(clock));
        return runs.updateOne(owned(runId), Updates.combine(Updates.set("checkpoint", last), Updates.inc("scanned", (long) judged),
                Updates.inc("found", added), Updates.set("leaseUntil", Date.from(now.toInstant().plus(lease))))).getMatchedCount() == 1;
    }

    /** Emits every member whose window is open, at the campaign's rate, marking each once the broker has it. */
    private void emitDue(Document run) {
        String runId = run.getString("_id");
        RateLimiter limiter = limiters.computeIfAbsent(runId + "@" + run.getInteger("ratePerSecond"), k -> limiter(run.getInteger("ratePerSecond")));
        var data = Json.mapper().createObjectNode().put("campaignId", run.getString("campaignId")).put("runId", runId).put("offerCode", run.getString("offer"));
        while (true) {
            Instant now = Instant.now(clock);
            Bson ready = Filters.and(Filters.eq("run", runId), Filters.exists("emittedAt", false), Filters.lte("dueAt", Date.from(now)));
            // about a second of sends a batch: fewer, larger reads and marks at a high rate, the same at a low one
            int emitBatch = Math.max(batchSize, run.getInteger("ratePerSecond"));
            List<Document> due = members.find(ready).sort(Sorts.ascending("dueAt", "_id")).limit(emitBatch).into(new ArrayList<>());
            if (due.isEmpty()) {
                break;
            }
            // one look-up by _id each: the index every MongoDB (and the stand-in) serves; the stand-in scans for an $in
            Map<String, Document> byCustomer = new HashMap<>();
            for (Document member : due) {
                Document profile = sealed.opened(profiles.find(Filters.eq("_id", member.getString("customerId"))).first());
                if (profile != null) {
                    byCustomer.put(profile.getString("_id"), profile);
                }
            }
            Map<String, CompletableFuture<?>> sends = new LinkedHashMap<>();
            List<String> gone = new ArrayList<>();
            for (Document member : due) {
                String customerId = member.getString("customerId");
                Document profile = byCustomer.get(customerId);
                if (profile == null) {
                    gone.add(member.getString("_id")); // erased since the scan: nobody to reach
                    continue;
                }
                limiter.acquirePermission();
                String eventId = member.getString("_id");
                var event = new ProfiledEvent(eventId, SOURCE, TYPE, data, ProfileSnapshots.of(profile, Instant.now(clock)));
                CompletableFuture<?> send;
                try {
                    send = publisher.publish(Topics.EVENTS_PROFILED, customerId, BeaconEvents.build(eventId, SOURCE, "beacon.event.profiled", customerId, event));
                } catch (RuntimeException e) {
                    send = CompletableFuture.failedFuture(e);
                }
                sends.put(eventId, send);
            }
            List<String> published = new ArrayList<>();
            RuntimeException failure = null;
            for (var send : sends.entrySet()) {
                try {
                    send.getValue().join();
                    published.add(send.getKey());
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            Date at = Date.from(Instant.now(clock));
            if (!gone.isEmpty()) {
                members.updateMany(Filters.and(Filters.in("_id", gone), Filters.exists("emittedAt", false)),
                        Updates.combine(Updates.set("emittedAt", at), Updates.set("skipped", "profile erased")));
            }
            // one update by _id each (in one bulk write): what an index serves on any MongoDB; the stand-in scans for an $in
            List<WriteModel<Document>> marks = new ArrayList<>(published.size());
            for (String id : published) {
                // by _id alone (the stand-in uses its index only then); $min keeps the first mark, so a second changes nothing
                marks.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.min("emittedAt", at)));
            }
            long marked = marks.isEmpty() ? 0 : members.bulkWrite(marks).getModifiedCount();
            boolean stillOurs = runs.updateOne(owned(runId), Updates.combine(Updates.inc("triggered", marked),
                    Updates.set("leaseUntil", Date.from(at.toInstant().plus(lease))))).getMatchedCount() == 1;
            if (failure != null) {
                throw new IllegalStateException("campaign run " + runId + ": a member event could not be published", failure);
            }
            if (!stillOurs) {
                return;
            }
        }
        if (members.countDocuments(Filters.and(Filters.eq("run", runId), Filters.exists("emittedAt", false))) == 0) {
            runs.updateOne(owned(runId), Updates.combine(Updates.set("status", Status.DONE.name()), Updates.set("finishedAt", Date.from(Instant.now(clock)))));
            log.info("campaign run {} done", runId);
        }
        release(runId);
    }

    // Nothing to do now (members waiting for their window, a confirmation awaited): any instance may take the run up next.
    private void release(String runId) {
        runs.updateOne(owned(runId), Updates.combine(Updates.unset("owner"), Updates.unset("leaseUntil")));
    }

    /** The run's progress, live: counts kept on the run, the waiting members counted from their records. */
    public Optional<Progress> progress(String runId) {
        Document run = runs.find(Filters.eq("_id", runId)).first();
        if (run == null) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        Bson unsent = Filters.and(Filters.eq("run", runId), Filters.exists("emittedAt", false));
        long waiting = members.countDocuments(Filters.and(unsent, Filters.gt("dueAt", Date.from(now))));
        long ready = members.countDocuments(Filters.and(unsent, Filters.lte("dueAt", Date.from(now))));
        Duration timeLeft = Duration.ofMillis(ready * 1000 / Math.max(1, run.getInteger("ratePerSecond")));
        if (waiting > 0) {
            Document lastOpening = members.find(unsent).sort(Sorts.descending("dueAt")).limit(1).first();
            if (lastOpening != null) {
                Duration untilLast = Duration.between(now, lastOpening.getDate("dueAt").toInstant());
                timeLeft = untilLast.compareTo(timeLeft) > 0 ? untilLast : timeLeft;
            }
        }
        return Optional.of(new Progress(runId, run.getString("campaignId"), run.getString("offer"), Status.valueOf(run.getString("status")),
                run.getDate("dueAt").toInstant(), run.getLong("scanned"), run.getLong("found"), run.getLong("triggered"), waiting, waiting + ready,
                timeLeft, run.getLong("confirmAbove"), run.getString("confirmedBy"), run.getString("stoppedBecause")));
    }

    /** The runs of a campaign, latest first. */
    public List<Progress> runsOf(String campaignId, int limit) {
        List<Progress> result = new ArrayList<>();
        for (Document run : runs.find(Filters.eq("campaignId", campaignId)).sort(Sorts.descending("dueAt")).limit(limit)) {
            progress(run.getString("_id")).ifPresent(result::add);
        }
        return result;
    }

    private static SendWindow window(Document run) {
        Document w = run.get("window", Document.class);
        return new SendWindow(java.time.LocalTime.parse(w.getString("from")), java.time.LocalTime.parse(w.getString("until")));
    }

    private static ZoneId zone(String id) {
        if (id == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static RateLimiter limiter(int perSecond) {
        // ten refills a second keep the pace even instead of one burst a second
        int perTenth = Math.max(1, perSecond / 10);
        Duration period = Duration.ofMillis(Math.max(1, 100L * perTenth * 10 / perSecond));
        return RateLimiter.of("campaign", RateLimiterConfig.custom().limitForPeriod(perTenth).limitRefreshPeriod(period)
                .timeoutDuration(Duration.ofMinutes(1)).build());
    }
}
