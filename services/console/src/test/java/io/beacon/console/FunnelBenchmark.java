package io.beacon.console;

import com.mongodb.client.model.InsertManyOptions;
import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The funnel ({@link OutcomeStore#funnel(FunnelQuery)}: one $match, one $group by journey, step, type and reason) over
 * {@code outcomes} outcomes on the MongoDB stand-in the tests use (MemoryMongo: the wire protocol in memory), with the
 * store's indexes: unfiltered, one journey over 30 days, one channel over 7 days; and the uplift (ADR 0025) unfiltered.
 * The outcomes are synthetic journeys over 90 days: four journeys (two stages), each run a suppression at the decision,
 * or a TRIGGERED followed by a holdout (that may convert) or a send by sms, push or email that may be deferred, fail,
 * be delivered, convert or opt out. Sample time, so the
 * report has p99. Not a test (no *Test name); see the console README, "Performance".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 20)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Threads(1)
public class FunnelBenchmark {

    static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
    static final String[] JOURNEYS = {"salary-savings", "large-deposit-investment", "travel-card", "mortgage-retention"};
    static final String[] STAGES = {"attract", "leverage", "attract", "retain"};
    static final String[] CHANNELS = {"sms", "push", "email"};

    @Param({"1000000"})
    public int outcomes;

    private MemoryMongo mongo;
    private OutcomeStore store;
    private FunnelQuery journeyMonth;
    private FunnelQuery smsWeek;

    @Setup(Level.Trial)
    public void load() {
        mongo = new MemoryMongo();
        store = new OutcomeStore(mongo.database());
        store.ensureIndexes();
        var collection = mongo.database().getCollection(OutcomeStore.OUTCOMES);
        var random = new SplittableRandom(14);
        var batch = new ArrayList<Document>(10_000);
        long started = System.nanoTime();
        int stored = 0;
        for (int run = 0; stored < outcomes; run++) {
            for (Document document : run(run, random)) {
                if (stored++ >= outcomes) {
                    break;
                }
                batch.add(document);
                if (batch.size() == 10_000) {
                    collection.insertMany(batch, new InsertManyOptions().ordered(false));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch, new InsertManyOptions().ordered(false));
        }
        System.out.printf("%nloaded %,d outcomes in %d s%n", collection.countDocuments(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
        // as the console does at start for outcomes stored before counters existed (a running console counts as it stores)
        long counting = System.nanoTime();
        new OutcomeCounts(mongo.database()).rebuild();
        System.out.printf("counted them per hour in %d s: %,d counters%n", Duration.ofNanos(System.nanoTime() - counting).toSeconds(),
                mongo.database().getCollection(OutcomeCounts.COUNTS).countDocuments());
        journeyMonth = new FunnelQuery(JOURNEYS[0], null, null, null, START.plus(Duration.ofDays(30)), START.plus(Duration.ofDays(60)));
        smsWeek = new FunnelQuery(null, null, null, "sms", START.plus(Duration.ofDays(80)), START.plus(Duration.ofDays(87)));
    }

    /** One journey run's outcomes, as the journeys and channel services would publish them. */
    private static List<Document> run(int run, SplittableRandom random) {
        int j = random.nextInt(JOURNEYS.length);
        String customer = "C" + random.nextInt(200_000);
        Instant at = START.plusSeconds(random.nextLong(Duration.ofDays(90).toSeconds()));
        var outcomes = new ArrayList<Document>(4);
        Outcomes o = new Outcomes(run, j, customer, outcomes);
        int fate = random.nextInt(100);
        if (fate >= 10 && fate < 30) {
            o.add(OutcomeType.SUPPRESSED, OfferOutcome.DECISION_STEP + ":Trigger" + j + ":PRODUCT_" + j, null, ReasonCode.values()[random.nextInt(3)], at);
            return outcomes;
        }
        o.add(OutcomeType.TRIGGERED, OfferOutcome.DECISION_STEP, null, null, at);
        if (fate < 10) {
            o.add(OutcomeType.HELD_OUT, "Task_RecordHeldOut", null, ReasonCode.HOLDOUT, at.plusSeconds(1));
            if (random.nextInt(100) < 6) {
                o.add(OutcomeType.CONVERTED, "Task_RecordHeldOutConverted", null, null, at.plus(Duration.ofDays(3)));
            }
        } else {
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            String step = "Task_Send_" + channel;
            Instant sent = at.plusSeconds(60);
            if (random.nextInt(10) == 0) {
                o.add(OutcomeType.DEFERRED, step, channel, ReasonCode.QUIET_HOURS_DEFERRED, sent);
                sent = sent.plus(Duration.ofHours(8));
            }
            if (random.nextInt(20) == 0) {
                o.add(OutcomeType.FAILED, step, channel, ReasonCode.PROVIDER_UNAVAILABLE, sent);
            } else {
                o.add(OutcomeType.SENT, step, channel, null, sent);
                int after = random.nextInt(100);
                if (after < 85) {
                    o.add(OutcomeType.DELIVERED, step, channel, null, sent.plusSeconds(5));
                }
                if (after < 8) {
                    o.add(OutcomeType.CONVERTED, "Task_RecordConverted", channel, null, sent.plus(Duration.ofDays(3)));
                } else if (after > 97) {
                    o.add(OutcomeType.OPTED_OUT, "Event_OptedOut", channel, null, sent.plus(Duration.ofHours(2)));
                }
            }
        }
        return outcomes;
    }

    private record Outcomes(int run, int journey, String customer, List<Document> into) {
        void add(OutcomeType type, String step, String channel, ReasonCode reason, Instant at) {
            var outcome = new OfferOutcome(type, customer, JOURNEYS[journey], "inst-" + run, step, "Trigger" + journey, "PRODUCT_" + journey,
                    channel, reason, null, "evt-" + run, "dec-" + run, at, 1 + journey % 2, STAGES[journey], null,
                    OfferOutcome.atDecision(step) ? null : type == OutcomeType.HELD_OUT || step.startsWith("Task_RecordHeldOut")
                            ? MeasurementGroup.HOLDOUT : MeasurementGroup.TREATMENT,
                    null, type == OutcomeType.CONVERTED ? 250.0 : null);
            into.add(OutcomeStore.document(outcome.eventId(), outcome, at));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        mongo.close();
    }

    @Benchmark
    public List<StepCount> everything() {
        return store.funnel(FunnelQuery.ALL);
    }

    @Benchmark
    public List<StepCount> oneJourneyThirtyDays() {
        return store.funnel(journeyMonth);
    }

    @Benchmark
    public List<StepCount> smsSevenDays() {
        return store.funnel(smsWeek);
    }

    @Benchmark
    public UpliftReport uplift() {
        return UpliftReport.of(store, FunnelQuery.ALL, null);
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        new Runner(new OptionsBuilder().parent(new CommandLineOptions(args)).include(FunnelBenchmark.class.getSimpleName()).build()).run();
    }
}
