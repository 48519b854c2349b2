package io.beacon.console;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.beacon.contracts.OfferOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The console's projection of {@code beacon.offers}: {@code outcomes}, one minimised document per CloudEvent id.
 * The funnel is an aggregation over it. Only single-document writes, so it behaves the same on a MongoDB replica
 * set and on the embedded wire-protocol server, which has no transactions.
 */
public class OutcomeStore {

    static final String OUTCOMES = "outcomes";

    private final MongoCollection<Document> outcomes;

    public OutcomeStore(MongoDatabase database) {
        this.outcomes = database.getCollection(OUTCOMES);
    }

    /**
     * Serves the customer timeline and the "latest outcomes" list without a collection scan, and the funnel's filters:
     * a date range on {@code at}, a journey (with or without a date range) on {journey, at}.
     */
    public void ensureIndexes() {
        outcomes.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("at")));
        outcomes.createIndex(Indexes.descending("at"));
        outcomes.createIndex(Indexes.compoundIndex(Indexes.ascending("journey"), Indexes.descending("at")));
        // only outcomes of an experiment carry a variant: a sparse index stays as small as the experiments
        outcomes.createIndex(Indexes.ascending("variant"), new com.mongodb.client.model.IndexOptions().sparse(true));
    }

    /**
     * Stores an outcome under its CloudEvent id, once: a redelivered record hits the unique {@code _id} and changes
     * nothing. One single-document insert, so nothing can be half-recorded.
     *
     * @return true when the outcome was new
     */
    public boolean record(String eventId, OfferOutcome outcome, Instant at) {
        var document = document(eventId, outcome, at);
        try {
            outcomes.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        return true;
    }

    /** The minimised document of one outcome: no contact point, no free text. */
    static Document document(String eventId, OfferOutcome outcome, Instant at) {
        String reason = outcome.reason() == null ? null : outcome.reason().name();
        var document = new Document("_id", eventId)
                .append("type", outcome.type().name())
                .append("customerId", outcome.customerId())
                .append("at", Date.from(at));
        putIfPresent(document, "journey", outcome.journey());
        putIfPresent(document, "step", outcome.step());
        putIfPresent(document, "productCode", outcome.productCode());
        putIfPresent(document, "channel", outcome.channel());
        putIfPresent(document, "reason", reason);
        putIfPresent(document, "trigger", outcome.trigger());
        if (outcome.journeyVersion() != null) {
            document.append("journeyVersion", outcome.journeyVersion());
        }
        putIfPresent(document, "stage", outcome.stage());
        if (outcome.sendAt() != null) {
            document.append("sendAt", Date.from(outcome.sendAt()));
        }
        putIfPresent(document, "group", outcome.group() == null ? null : outcome.group().name());
        putIfPresent(document, "variant", outcome.variant());
        if (outcome.value() != null) {
            document.append("value", outcome.value());
        }
        return document;
    }

    /**
     * The funnel of the outcomes a query selects, counted from the stored outcomes at query time (always equal to
     * what was recorded, with no second write to keep in step), by journey, step, type and reason: one {@code $match} (served by
     * the {@code at} or {journey, at} index) and one {@code $group}, counted when asked. Ordered by journey (those
     * without one last), step (none last), type, reason (none first).
     */
    public List<StepCount> funnel(FunnelQuery query) {
        var counts = new ArrayList<StepCount>();
        var pipeline = List.of(
                Aggregates.match(query.filter()),
                Aggregates.group(new Document("journey", "$journey").append("step", "$step").append("type", "$type")
                        .append("reason", "$reason"), Accumulators.sum("count", 1L)));
        for (Document group : outcomes.aggregate(pipeline)) {
            Document key = group.get("_id", Document.class);
            counts.add(new StepCount(key.getString("journey"), key.getString("step"), key.getString("type"),
                    key.getString("reason"), ((Number) group.get("count")).longValue()));
        }
        Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        Comparator<String> nullsLast = Comparator.nullsLast(Comparator.naturalOrder());
        counts.sort(Comparator.comparing(StepCount::journey, nullsLast)
                .thenComparing(StepCount::step, nullsLast)
                .thenComparing(StepCount::type)
                .thenComparing(StepCount::reason, nullsFirst));
        return counts;
    }

    /**
     * The outcomes recorded so far for one campaign run, by type and reason. A campaign member's outcomes carry ids
     * starting with its source event id, {@code campaign-<runId>-<customerId>}: an anchored prefix on {@code _id}
     * (the run id quoted, so nothing in it is read as a pattern) is served by the {@code _id} index, not a scan.
     */
    public RunOutcomes ofCampaignRun(String runId) {
        var counts = new ArrayList<FunnelCount>();
        var pipeline = List.of(
                Aggregates.match(Filters.regex("_id", "^campaign-" + Pattern.quote(runId) + "-")),
                Aggregates.group(new Document("type", "$type").append("reason", "$reason"), Accumulators.sum("count", 1L)));
        for (Document group : outcomes.aggregate(pipeline)) {
            Document key = group.get("_id", Document.class);
            counts.add(new FunnelCount(null, key.getString("type"), key.getString("reason"), ((Number) group.get("count")).longValue()));
        }
        return RunOutcomes.of(counts);
    }

    /**
     * An experiment's sends and the conversions that followed them, by variant name: the outcomes whose {@code variant}
     * starts with {@code <experiment id>/} (an anchored prefix, served by the sparse variant index).
     */
    public java.util.Map<String, io.beacon.console.experiments.ExperimentResults.Counts> ofExperiment(String experimentId) {
        String prefix = experimentId + "/";
        var pipeline = List.of(
                Aggregates.match(Filters.and(Filters.regex("variant", "^" + Pattern.quote(prefix)), Filters.in("type", "SENT", "CONVERTED"))),
                Aggregates.group(new Document("variant", "$variant").append("type", "$type"), Accumulators.sum("count", 1L)));
        var sent = new java.util.HashMap<String, Long>();
        var converted = new java.util.HashMap<String, Long>();
        for (Document group : outcomes.aggregate(pipeline)) {
            Document key = group.get("_id", Document.class);
            String variant = key.getString("variant").substring(prefix.length());
            long count = ((Number) group.get("count")).longValue();
            ("SENT".equals(key.getString("type")) ? sent : converted).merge(variant, count, Long::sum);
        }
        var counts = new java.util.HashMap<String, io.beacon.console.experiments.ExperimentResults.Counts>();
        sent.keySet().forEach(v -> counts.put(v, new io.beacon.console.experiments.ExperimentResults.Counts(sent.get(v), converted.getOrDefault(v, 0L))));
        converted.keySet().stream().filter(v -> !sent.containsKey(v))
                .forEach(v -> counts.put(v, new io.beacon.console.experiments.ExperimentResults.Counts(0, converted.get(v))));
        return counts;
    }

    /** The newest outcomes first, of one customer (their timeline) or, with a null customer id, of everyone. */
    public List<OutcomeView> latest(String customerId, int limit) {
        Bson filter = customerId == null ? new Document() : Filters.eq("customerId", customerId);
        var views = new ArrayList<OutcomeView>(limit);
        for (Document d : outcomes.find(filter).sort(Sorts.descending("at", "_id")).limit(limit)) {
            views.add(new OutcomeView(d.getString("_id"), d.getString("type"), d.getString("customerId"),
                    d.getString("journey"), d.getString("step"), d.getString("productCode"), d.getString("channel"),
                    d.getString("reason"), d.getString("trigger"), d.getDate("at").toInstant(),
                    d.getInteger("journeyVersion"), d.getString("stage"),
                    d.getDate("sendAt") == null ? null : d.getDate("sendAt").toInstant()));
        }
        return views;
    }

    private static void putIfPresent(Document document, String field, String value) {
        if (value != null) {
            document.append(field, value);
        }
    }
}
