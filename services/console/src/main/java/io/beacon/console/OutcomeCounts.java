package io.beacon.console;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Counters kept from {@code beacon.offers}: how many outcomes there were per hour, and per day, and per combination of what the
 * console filters and groups by (journey, step, type, reason, channel, offer, stage, measurement group, content
 * variant). Funnels, uplift and experiments are sums over these few documents instead of an aggregation over every
 * outcome, so they answer in the same time at a million outcomes as at a thousand.
 *
 * <p>One counter is one document, incremented by one upsert ({@code $inc}) per new outcome and granularity. The outcome store says
 * when an outcome has been counted ({@code counted} on its document), so a record redelivered after a crash between
 * storing and counting is counted then, and one already counted is not counted again; a crash between the increment
 * and that mark counts one outcome twice, which {@link #rebuild()} (from the stored outcomes) puts right.
 */
public class OutcomeCounts {

    static final String COUNTS = "outcome_counts";
    /** The same counters per day (UTC): a range of whole days sums a twenty-fourth as many documents. */
    static final String DAILY = "outcome_counts_daily";
    /** The fields a counter is kept by, beside its hour; all are optional on an outcome. */
    static final List<String> DIMENSIONS = List.of("journey", "step", "type", "reason", "channel", "productCode", "stage", "group", "variant");
    private static final String SEPARATOR = "\u001f";

    private final MongoCollection<Document> counts;
    private final MongoCollection<Document> daily;
    private final MongoCollection<Document> outcomes;

    public OutcomeCounts(MongoDatabase database) {
        this.counts = database.getCollection(COUNTS);
        this.daily = database.getCollection(DAILY);
        this.outcomes = database.getCollection(OutcomeStore.OUTCOMES);
    }

    /** Counts one stored outcome document (its {@code at} and dimensions), once per call. */
    void add(Document outcome) {
        add(outcome, 1);
    }

    private void add(Document outcome, long by) {
        Date at = outcome.getDate("at");
        double value = outcome.get("value") instanceof Number v ? v.doubleValue() * by : 0;
        long valued = outcome.get("value") instanceof Number ? by : 0;
        increment(counts, hour(at), outcome, by, value, valued);
        increment(daily, day(at), outcome, by, value, valued);
    }

    /** One upsert of one counter: its period and dimensions set when it is new, its sums incremented. */
    private static void increment(MongoCollection<Document> collection, Date period, Document outcome, long by, double value, long valued) {
        var labels = new ArrayList<Bson>();
        labels.add(Updates.setOnInsert("hour", period));
        for (String dimension : DIMENSIONS) {
            if (outcome.get(dimension) != null) {
                labels.add(Updates.setOnInsert(dimension, outcome.get(dimension)));
            }
        }
        labels.add(Updates.inc("count", by));
        if (valued > 0) {
            // what the outcomes were worth (a CONVERTED carries its offer's expected value), and how many said
            labels.add(Updates.inc("value", value));
            labels.add(Updates.inc("valued", valued));
        }
        collection.updateOne(Filters.eq("_id", key(period, outcome)), Updates.combine(labels), new UpdateOptions().upsert(true));
    }

    /** The counter's id: its hour and every dimension, in order. */
    private static String key(Date hour, Document outcome) {
        var key = new StringBuilder(hour.toInstant().toString());
        for (String dimension : DIMENSIONS) {
            Object value = outcome.get(dimension);
            key.append(SEPARATOR).append(value == null ? "" : value);
        }
        return key.toString();
    }

    /**
     * Sums of the counters that match {@code dimensions} (a filter on the dimension fields only) with an hour in
     * [from, to) (either null: open), grouped by the given dimensions. Each result holds those dimensions (null when
     * absent), {@code count}, and {@code value} and {@code valued}: the sum of the values the outcomes carried and how
     * many carried one.
     */
    public List<Document> sum(Bson dimensions, Instant from, Instant to, List<String> groupBy) {
        // whole days from the daily counters, the hours before the first and after the last whole day from the hourly
        Instant firstDay = from == null ? null : ceilDay(from);
        Instant lastDay = to == null ? null : to.truncatedTo(ChronoUnit.DAYS);
        var sums = new ArrayList<Document>();
        if (firstDay != null && lastDay != null && !firstDay.isBefore(lastDay)) {
            sums.addAll(sum(counts, dimensions, from, to, groupBy));
            return sums;
        }
        sums.addAll(sum(daily, dimensions, firstDay, lastDay, groupBy));
        if (from != null && from.isBefore(firstDay)) {
            sums.addAll(sum(counts, dimensions, from, firstDay, groupBy));
        }
        if (to != null && lastDay.isBefore(to)) {
            sums.addAll(sum(counts, dimensions, lastDay, to, groupBy));
        }
        return sums;
    }

    private static List<Document> sum(MongoCollection<Document> collection, Bson dimensions, Instant from, Instant to, List<String> groupBy) {
        var clauses = new ArrayList<Bson>();
        clauses.add(dimensions);
        if (from != null) {
            clauses.add(Filters.gte("hour", Date.from(from)));
        }
        if (to != null) {
            clauses.add(Filters.lt("hour", Date.from(to)));
        }
        var key = new Document();
        groupBy.forEach(dimension -> key.append(dimension, "$" + dimension));
        var sums = new ArrayList<Document>();
        for (Document group : collection.aggregate(List.of(Aggregates.match(Filters.and(clauses)),
                Aggregates.group(key, Accumulators.sum("count", "$count"), Accumulators.sum("value", "$value"),
                        Accumulators.sum("valued", "$valued"))))) {
            Document result = new Document(group.get("_id", Document.class));
            result.append("count", ((Number) group.get("count")).longValue());
            result.append("value", group.get("value") instanceof Number v ? v.doubleValue() : 0.0);
            result.append("valued", group.get("valued") instanceof Number n ? n.longValue() : 0L);
            sums.add(result);
        }
        return sums;
    }

    private static Instant ceilDay(Instant at) {
        Instant day = at.truncatedTo(ChronoUnit.DAYS);
        return day.equals(at) ? at : day.plus(java.time.Duration.ofDays(1));
    }

    /**
     * Counts every stored outcome again, from scratch, and marks them counted: for a database whose outcomes were
     * stored before counters existed, or to put right a count a crash made twice. Replaces the counters whole.
     */
    public void rebuild() {
        var hourly = new java.util.HashMap<String, Document>();
        var days = new java.util.HashMap<String, Document>();
        var projection = new Document("at", 1).append("value", 1);
        DIMENSIONS.forEach(dimension -> projection.append(dimension, 1));
        for (Document outcome : outcomes.find().projection(projection).batchSize(5_000)) {
            tally(hourly, hour(outcome.getDate("at")), outcome);
            tally(days, day(outcome.getDate("at")), outcome);
        }
        counts.deleteMany(new Document());
        daily.deleteMany(new Document());
        hourly.values().forEach(t -> increment(counts, t.getDate("period"), t, t.getLong("n"), t.getDouble("valueSum"), t.getLong("valuedCount")));
        days.values().forEach(t -> increment(daily, t.getDate("period"), t, t.getLong("n"), t.getDouble("valueSum"), t.getLong("valuedCount")));
        outcomes.updateMany(Filters.ne("counted", true), Updates.set("counted", true));
    }

    private static void tally(java.util.Map<String, Document> tally, Date period, Document outcome) {
        Document t = tally.computeIfAbsent(key(period, outcome),
                k -> new Document(outcome).append("period", period).append("n", 0L).append("valueSum", 0.0).append("valuedCount", 0L));
        t.put("n", t.getLong("n") + 1);
        if (outcome.get("value") instanceof Number value) {
            t.put("valueSum", t.getDouble("valueSum") + value.doubleValue());
            t.put("valuedCount", t.getLong("valuedCount") + 1);
        }
    }

    /** A time range over every counter, and one over a journey's. */
    void ensureIndexes() {
        for (MongoCollection<Document> collection : List.of(counts, daily)) {
            collection.createIndex(com.mongodb.client.model.Indexes.ascending("hour"));
            collection.createIndex(com.mongodb.client.model.Indexes.compoundIndex(com.mongodb.client.model.Indexes.ascending("journey"),
                    com.mongodb.client.model.Indexes.ascending("hour")));
        }
    }

    /** Whether no counter exists yet. */
    boolean isEmpty() {
        return counts.find().limit(1).first() == null;
    }

    static Date day(Date at) {
        return Date.from(at.toInstant().truncatedTo(ChronoUnit.DAYS));
    }

    static Date hour(Date at) {
        return Date.from(at.toInstant().truncatedTo(ChronoUnit.HOURS));
    }
}
