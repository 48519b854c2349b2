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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final OutcomeCounts counts;

    public OutcomeStore(MongoDatabase database) {
        this.outcomes = database.getCollection(OUTCOMES);
        this.counts = new OutcomeCounts(database);
    }

    /**
     * Serves the customer timeline and the "latest outcomes" list without a collection scan, and the funnel's filters:
     * a date range on {@code at}, a journey (with or without a date range) on {journey, at}.
     */
    public void ensureIndexes() {
        outcomes.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("at")));
        outcomes.createIndex(Indexes.descending("at"));
        outcomes.createIndex(Indexes.compoundIndex(Indexes.ascending("journey"), Indexes.descending("at")));
        counts.ensureIndexes();
        if (counts.isEmpty() && outcomes.find().limit(1).first() != null) {
            // outcomes stored before counters existed: counted once, now
            counts.rebuild();
        }
    }

    /**
     * Stores an outcome under its CloudEvent id, once: a redelivered record hits the unique {@code _id} and changes
     * nothing. One single-document insert, so nothing can be half-recorded.
     *
     * @return true when the outcome was new
     */
    public boolean record(String eventId, OfferOutcome outcome, Instant at) {
        var document = document(eventId, outcome, at).append("counted", false);
        try {
            outcomes.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                // stored before; counted then too, unless that delivery stopped in between
                Document stored = outcomes.find(Filters.eq("_id", eventId)).first();
                if (stored != null && Boolean.FALSE.equals(stored.getBoolean("counted"))) {
                    count(stored);
                }
                return false;
            }
            throw e;
        }
        count(document);
        return true;
    }

    private void count(Document document) {
        counts.add(document);
        outcomes.updateOne(Filters.eq("_id", document.getString("_id")), com.mongodb.client.model.Updates.set("counted", true));
    }

    /**
     * The minimised document of one outcome: no contact point, no free text. The decision and journey instance are
     * kept to count distinct treated decisions (ADR 0025); group, variant and value to measure uplift and experiments.
     */
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
        putIfPresent(document, "decisionId", outcome.decisionId());
        putIfPresent(document, "journeyInstance", outcome.journeyInstance());
        putIfPresent(document, "group", outcome.group() == null ? null : outcome.group().name());
        putIfPresent(document, "variant", outcome.variant());
        if (outcome.value() != null) {
            document.append("value", outcome.value());
        }
        return document;
    }

    /**
     * The funnel of the outcomes a query selects, by journey, step, type and reason, from the counters kept per hour
     * ({@link #sum}). Ordered by journey (those without one last), step (none last), type, reason (none first).
     */
    public List<StepCount> funnel(FunnelQuery query) {
        var counts = new ArrayList<StepCount>();
        for (Document sum : sum(query, List.of("journey", "step", "type", "reason"))) {
            counts.add(new StepCount(sum.getString("journey"), sum.getString("step"), sum.getString("type"), sum.getString("reason"),
                    sum.getLong("count")));
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
     * How many outcomes a query selects, grouped by the given fields: the whole hours of its range from the counters
     * ({@link OutcomeCounts}, a few documents per hour however many outcomes), and the parts of an hour at either end
     * of a range that does not start or end on the hour from the outcomes themselves (the {@code at} index serves them).
     */
    public List<Document> sum(FunnelQuery query, List<String> groupBy) {
        Instant from = query.from() == null ? null : ceilHour(query.from());
        Instant to = query.to() == null ? null : query.to().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        if (from != null && to != null && !from.isBefore(to)) {
            return raw(query.filter(), groupBy, query.from()); // within one hour
        }
        var sums = new java.util.LinkedHashMap<Document, double[]>();
        java.util.function.Consumer<Document> add = sum -> {
            var key = new Document(sum);
            key.remove("count");
            key.remove("value");
            key.remove("valued");
            double[] total = sums.computeIfAbsent(key, k -> new double[3]);
            total[0] += sum.getLong("count");
            total[1] += sum.get("value") instanceof Number v ? v.doubleValue() : 0;
            total[2] += sum.get("valued") instanceof Number n ? n.longValue() : 0;
        };
        counts.sum(query.dimensions(), from, to, groupBy).forEach(add);
        if (query.from() != null && !query.from().equals(from)) {
            raw(query.filter(query.from(), from), groupBy, query.from()).forEach(add);
        }
        if (query.to() != null && !query.to().equals(to)) {
            raw(query.filter(to, query.to()), groupBy, to).forEach(add);
        }
        var result = new ArrayList<Document>(sums.size());
        sums.forEach((key, total) -> result.add(new Document(key).append("count", (long) total[0]).append("value", total[1])
                .append("valued", (long) total[2])));
        return result;
    }

    /**
     * The outcomes themselves, grouped: for the part of one hour at a range's end. Grouping by {@code hour} (what a
     * counter has and an outcome has not) gives that hour.
     */
    private List<Document> raw(Bson filter, List<String> groupBy, Instant within) {
        var key = new Document();
        groupBy.stream().filter(field -> !"hour".equals(field)).forEach(field -> key.append(field, "$" + field));
        var sums = new ArrayList<Document>();
        for (Document group : outcomes.aggregate(List.of(Aggregates.match(filter), Aggregates.group(key, Accumulators.sum("count", 1L),
                Accumulators.sum("value", "$value"), Accumulators.sum("valued", flag(is(new Document("$ifNull", List.of("$value", "none")), "none"), 0, 1)))))) {
            var sum = new Document();
            for (String field : groupBy) {
                sum.append(field, "hour".equals(field) ? Date.from(within.truncatedTo(java.time.temporal.ChronoUnit.HOURS))
                        : group.get("_id", Document.class).get(field));
            }
            sums.add(sum.append("count", ((Number) group.get("count")).longValue())
                    .append("value", number(group, "value").doubleValue()).append("valued", number(group, "valued").longValue()));
        }
        return sums;
    }

    private static Instant ceilHour(Instant at) {
        Instant hour = at.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return hour.equals(at) ? at : hour.plus(java.time.Duration.ofHours(1));
    }

    /** What the uplift is counted from: the measured groups and the automated share. */
    public record Measures(List<MeasuredCount> measured, List<AutomationCount> automation) {
    }

    /** Both, from one sum over the counters ({@link #sum}) by journey, offer, group, type and channel. */
    public Measures measures(FunnelQuery query) {
        List<Document> sums = sum(query.withoutChannel(), List.of("journey", "productCode", "group", "type", "channel"));
        return new Measures(measured(query, sums), automation(sums));
    }

    /**
     * The counts the uplift is built from (ADR 0025), from the counters: per journey, offer and
     * measurement group, the customers sent (TREATMENT; by the query's channel when it names one) or held out (HOLDOUT,
     * GLOBAL_CONTROL) and how many of them converted, with the values the conversions carried. A journey run sends at
     * most once (a channel is tried only when the one before did not send), so its SENT is one treated customer; a
     * CONVERTED carries the channel of the send it follows, so a channel selects both. The held-out carry no channel:
     * the control group is every held-out customer, whatever the channel. Conversions are capped at the customers counted.
     */
    private static List<MeasuredCount> measured(FunnelQuery query, List<Document> sums) {
        Map<List<String>, double[]> tally = new LinkedHashMap<>(); // [customers, conversions, value, valued]
        for (Document sum : sums) {
            String type = sum.getString("type");
            String group = sum.getString("group");
            String channel = sum.getString("channel");
            boolean treated = "TREATMENT".equals(group);
            boolean counted = switch (String.valueOf(type)) {
                case "SENT" -> treated && (query.channel() == null || query.channel().equals(channel));
                case "HELD_OUT" -> group != null && !treated;
                case "CONVERTED" -> group != null && (!treated || query.channel() == null || channel == null || query.channel().equals(channel));
                default -> false;
            };
            if (!counted) {
                continue;
            }
            double[] t = tally.computeIfAbsent(java.util.Arrays.asList(sum.getString("journey"), sum.getString("productCode"), group),
                    k -> new double[4]);
            if ("CONVERTED".equals(type)) {
                t[1] += sum.getLong("count");
                t[2] += sum.getDouble("value");
                t[3] += sum.getLong("valued");
            } else {
                t[0] += sum.getLong("count");
            }
        }
        var counts = new ArrayList<MeasuredCount>();
        tally.forEach((key, t) -> {
            boolean treated = "TREATMENT".equals(key.get(2));
            long customers = (long) t[0];
            long converted = Math.min((long) t[1], customers);
            if (converted > 0) {
                counts.add(new MeasuredCount(key.get(0), key.get(1), key.get(2), treated, !treated, true, converted, t[2], (long) t[3]));
            }
            if (customers > converted) {
                counts.add(new MeasuredCount(key.get(0), key.get(1), key.get(2), treated, !treated, false, customers - converted, 0, 0));
            }
        });
        return counts;
    }

    /**
     * The journey runs the query selects and how many asked a relationship manager, by journey and offer: the
     * automated share. A run is counted by its TRIGGERED (decisioning publishes one per journey it starts, and the start
     * is idempotent by the source event), and it asks once (REVIEW_REQUESTED, one event id per run), so two type
     * counts give both (neither carries a channel, so a channel filter keeps them all). A TRIGGERED without a journey
     * started nothing.
     */
    private static List<AutomationCount> automation(List<Document> sums) {
        Map<List<String>, long[]> runs = new LinkedHashMap<>();
        for (Document sum : sums) {
            String type = sum.getString("type");
            if (sum.getString("journey") != null && ("TRIGGERED".equals(type) || "REVIEW_REQUESTED".equals(type))) {
                runs.computeIfAbsent(java.util.Arrays.asList(sum.getString("journey"), sum.getString("productCode")), k -> new long[2])
                        ["TRIGGERED".equals(type) ? 0 : 1] += sum.getLong("count");
            }
        }
        var result = new ArrayList<AutomationCount>();
        runs.forEach((key, c) -> result.add(new AutomationCount(key.get(0), key.get(1), c[0], c[1])));
        return result;
    }

    /** {@code {$eq: [a, b]}} */
    private static Document is(Object a, Object b) {
        return new Document("$eq", java.util.Arrays.asList(a, b));
    }

    private static Document flag(Document condition, int then, int otherwise) {
        return new Document("$cond", List.of(condition, then, otherwise));
    }

    private static Number number(Document document, String field) {
        return document.get(field) instanceof Number n ? n : 0;
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
     * An experiment's sends and the conversions that followed them, by variant name: the counters whose
     * {@code variant} starts with {@code <experiment id>/}.
     */
    public java.util.Map<String, io.beacon.console.experiments.ExperimentResults.Counts> ofExperiment(String experimentId) {
        String prefix = experimentId + "/";
        var sent = new java.util.HashMap<String, Long>();
        var converted = new java.util.HashMap<String, Long>();
        for (Document sum : counts.sum(Filters.and(Filters.regex("variant", "^" + Pattern.quote(prefix)), Filters.in("type", "SENT", "CONVERTED")),
                null, null, List.of("variant", "type"))) {
            String variant = sum.getString("variant").substring(prefix.length());
            ("SENT".equals(sum.getString("type")) ? sent : converted).merge(variant, sum.getLong("count"), Long::sum);
        }
        var byVariant = new java.util.HashMap<String, io.beacon.console.experiments.ExperimentResults.Counts>();
        java.util.stream.Stream.concat(sent.keySet().stream(), converted.keySet().stream()).distinct().forEach(v -> byVariant.put(v,
                new io.beacon.console.experiments.ExperimentResults.Counts(sent.getOrDefault(v, 0L), converted.getOrDefault(v, 0L))));
        return byVariant;
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
                    d.getDate("sendAt") == null ? null : d.getDate("sendAt").toInstant(), d.getString("group"),
                    d.getString("variant"), d.get("value") instanceof Number v ? v.doubleValue() : null));
        }
        return views;
    }

    private static void putIfPresent(Document document, String field, String value) {
        if (value != null) {
            document.append(field, value);
        }
    }
}
