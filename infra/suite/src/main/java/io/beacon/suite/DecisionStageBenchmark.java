package io.beacon.suite;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Topics;
import io.beacon.testkit.LocalInfrastructure;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The event -> decision stage through Kafka, alone: the embedded infrastructure and the decisioning service, fed
 * profiled events (what the profiles service publishes) on beacon.events.profiled at a fixed rate. A share of them are
 * changed salaries that raise a trigger; their decisions come out on beacon.offers (TRIGGERED or SUPPRESSED with the
 * source event id), which gives each one's latency from publish to decision. The others raise nothing and leave no
 * trace but the consumer group's committed offset, which proves every event was decided: nothing lost.
 *
 * <p>Options: {@code --rate R} events/s (3000), {@code --duration S} seconds (60), {@code --customers N} (20000),
 * {@code --trigger-share P} percent of events that trigger (2), {@code --warmup S} seconds at the same rate before the
 * measured part (240: their events count for loss, not for latency). On two cores shared with the broker, the C2
 * compilers of decisioning and of the infrastructure JVM are still busy for three to four minutes at this rate, and the
 * latency of those minutes is theirs, not the stage's; a shorter warm-up measures them (the README has both).
 * The decisioning JVM runs as in production (C2, its own heap), not with the small-footprint flags of the nine-service
 * suite. The latency is split at the decision record's Kafka timestamp (when decisioning sent it): publish -> sent, and
 * sent -> read by a consumer of beacon.offers. Run from the repository root after {@code ./mvnw -DskipTests package}:
 * {@code java -cp infra/suite/target/beacon-suite.jar io.beacon.suite.DecisionStageBenchmark}.
 */
public final class DecisionStageBenchmark {

    public static void main(String[] args) throws Exception {
        int rate = Benchmarks.intOption(args, "--rate", 3000);
        int duration = Benchmarks.intOption(args, "--duration", 60);
        int customers = Benchmarks.intOption(args, "--customers", 20_000);
        int triggerShare = Benchmarks.intOption(args, "--trigger-share", 2);
        int warmup = Benchmarks.intOption(args, "--warmup", 240);

        // Every event is built and serialised before the clock starts: in production they come from the profiles
        // service on other machines, and building them here would take CPU from the stage measured on these two cores.
        var random = new Random(11);
        String run = Long.toString(System.currentTimeMillis(), 36);
        long measuredFrom = (long) rate * warmup;
        int total = Math.toIntExact((long) rate * (warmup + duration));
        var keys = new String[total];
        var payloads = new byte[total][];
        var triggering = new java.util.BitSet(total);
        for (int n = 0; n < total; n++) {
            String customer = "S" + run + "-" + random.nextInt(customers);
            String eventId = eventId(run, n);
            boolean trigger = random.nextInt(100) < triggerShare;
            var profiled = trigger ? Benchmarks.salaryChange(eventId, customer, random, "1985-05-05") : Benchmarks.cardPayment(eventId, customer, random);
            triggering.set(n, trigger);
            keys[n] = customer;
            payloads[n] = BeaconEvents.serialize(BeaconEvents.build(eventId, "/core-banking", "beacon.event.profiled", customer, profiled));
        }
        long expectedDecisions = triggering.cardinality();

        var ports = new java.util.LinkedHashMap<String, Integer>();
        try (var socket = new java.net.ServerSocket(0)) {
            ports.put("decisioning", socket.getLocalPort());
        }
        System.setProperty("beacon.suite.service-jvm-args", "-Xmx512m -XX:+UseParallelGC");
        var infraPorts = LocalInfrastructure.freePorts();
        Benchmarks.announceJourneysOnceTheBrokerIsUp("127.0.0.1:" + infraPorts.get("kafka"));
        try (var suite = BeaconSuite.start(infraPorts, ports, Files.createTempDirectory("beacon-stage"),
                // the infrastructure JVM with C2 too (the suite caps it at C1 to start fast beside nine services)
                List.of("-Dbeacon.mongo.backend=memory", "-XX:TieredStopAtLevel=4", "-Xmx1g"), Map.of())) {
            String bootstrap = suite.infrastructure().kafkaBootstrap();
            var sentAt = new ConcurrentHashMap<String, long[]>();
            var latencies = new ArrayList<long[]>();
            var done = new AtomicBoolean();
            var outcomes = new java.util.concurrent.atomic.AtomicLong();
            Thread listener = new Thread(() -> Benchmarks.followDecisions(bootstrap, true, done, (eventId, readAt, decidedAt) -> {
                long[] sent = sentAt.remove(eventId);
                if (sent != null) {
                    outcomes.incrementAndGet();
                    if (sent[0] >= 0) {
                        synchronized (latencies) {
                            latencies.add(new long[] {readAt - sent[0], decidedAt - sent[1], System.currentTimeMillis() - decidedAt});
                        }
                    }
                }
            }), "stage-listener");
            listener.start();

            System.out.printf("Publishing %d profiled events/s for %d s (%d s warm-up, then %d s measured; %d%% trigger) to decisioning alone...%n",
                    rate, warmup + duration, warmup, duration, triggerShare);
            try (var producer = Benchmarks.producer(bootstrap); var admin = Benchmarks.admin(bootstrap)) {
                long before = Benchmarks.committed(admin);
                long intervalNanos = 1_000_000_000L / rate;
                long start = System.nanoTime();
                long maxLag = 0;
                long lastReport = start;
                for (int n = 0; n < total; n++) {
                    long due = start + n * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 1_000_000) {
                        Thread.sleep(wait / 1_000_000);
                    }
                    if (triggering.get(n)) {
                        sentAt.put(eventId(run, n), new long[] {n >= measuredFrom ? System.nanoTime() : -1L, System.currentTimeMillis()});
                    }
                    producer.send(new ProducerRecord<>(Topics.EVENTS_PROFILED, keys[n], payloads[n]));
                    if (System.nanoTime() - lastReport > 5_000_000_000L) {
                        lastReport = System.nanoTime();
                        long lag = end(admin) - Benchmarks.committed(admin);
                        maxLag = Math.max(maxLag, lag);
                        System.out.printf("  t=%3.0f s sent=%d decisioning lag %d, decisions seen %d%n", (lastReport - start) / 1e9, n + 1, lag, outcomes.get());
                    }
                }
                producer.flush();
                double sendSeconds = (System.nanoTime() - start) / 1e9;
                long drainStart = System.nanoTime();
                while (Benchmarks.committed(admin) - before < total && System.nanoTime() - drainStart < Duration.ofMinutes(5).toNanos()) {
                    Thread.sleep(100);
                }
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                long decided = Benchmarks.committed(admin) - before;
                long waitForOutcomes = System.nanoTime();
                while (outcomes.get() < expectedDecisions && System.nanoTime() - waitForOutcomes < Duration.ofSeconds(30).toNanos()) {
                    Thread.sleep(100);
                }
                done.set(true);
                listener.join(5_000);
                long[] sorted;
                long[] toPublish;
                long[] toReader;
                synchronized (latencies) {
                    sorted = latencies.stream().mapToLong(l -> l[0]).sorted().toArray();
                    toPublish = latencies.stream().mapToLong(l -> l[1] * 1_000_000).sorted().toArray();
                    toReader = latencies.stream().mapToLong(l -> l[2] * 1_000_000).sorted().toArray();
                }
                System.out.printf("%nResult: published %d events in %.1f s (%.0f events/s); all decided %.2f s after the last was published; "
                                + "max lag %d; events decided %d of %d (%s); decisions on beacon.offers %d of %d.%n",
                        total, sendSeconds, total / sendSeconds, drainSeconds, maxLag, decided, total, decided == total ? "no loss" : "MISMATCH",
                        outcomes.get(), expectedDecisions);
                System.out.printf("Publish -> decision of the triggering events after the warm-up (n=%d): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        sorted.length, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
                // the decision's record timestamp is when decisioning sent it (milliseconds, one clock for every process here)
                System.out.printf("  of which publish -> decisioning sends the decision: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms; "
                                + "that send -> read from beacon.offers: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms%n",
                        pct(toPublish, 50), pct(toPublish, 95), pct(toPublish, 99), pct(toReader, 50), pct(toReader, 95), pct(toReader, 99));
                if (decided != total || outcomes.get() != expectedDecisions) {
                    System.exit(1);
                }
            }
        }
    }

    private static String eventId(String run, int n) {
        return "stage-" + run + "-" + n;
    }

    private static long end(Admin admin) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.EVENTS_PROFILED)).allTopicNames().get()
                .get(Topics.EVENTS_PROFILED).partitions().stream().map(p -> new TopicPartition(Topics.EVENTS_PROFILED, p.partition())).toList();
        var request = new java.util.HashMap<TopicPartition, OffsetSpec>();
        partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(r -> r.offset()).sum();
    }

    /** A percentile of nanoseconds, in milliseconds. */
    private static double pct(long[] sorted, int percentile) {
        return Benchmarks.percentile(sorted, percentile) / 1e6;
    }

    private DecisionStageBenchmark() {
    }
}
