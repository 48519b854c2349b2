package io.beacon.suite;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.Topics;
import io.beacon.testkit.LocalInfrastructure;
import io.beacon.testkit.RepositoryLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A shadow replay beside live traffic (ADR 0029), in one run: the embedded infrastructure and the decisioning service
 * (as production runs it: C2, its own heap), a recorded history of {@code --history} profiled events (100,000) on
 * beacon.events.profiled, then live events at {@code --rate} events/s (200) throughout. The live decision latency
 * (publish to the decision on beacon.offers, for the share of events that trigger) is measured for
 * {@code --baseline} seconds (60) with no replay, then while a replay of the whole history runs through
 * {@code POST /api/changes/replay} with a proposed rules folder (the repository's, Easy Saver from 16 instead of 18).
 * It prints the replay's time and the live p50/p95/p99 without and during the replay, and the rise of the p99.
 *
 * <p>Options: {@code --history N}, {@code --rate R}, {@code --baseline S}, {@code --warmup S} (60, at the rate, not
 * measured), {@code --trigger-share P} percent of live events that trigger (20; the history has 5), {@code --cpu-share S}
 * the share of one core the replay may use (decisioning's {@code beacon.decisioning.replay.cpu-share}, 0.1; 1 is
 * unpaced), {@code --gc G1|Parallel|Serial} decisioning's collector (G1, as the images run it). Run from the
 * repository root after {@code ./mvnw -DskipTests package}:
 * {@code java -cp infra/suite/target/beacon-suite.jar io.beacon.suite.ShadowReplayBenchmark}.
 */
public final class ShadowReplayBenchmark {

    public static void main(String[] args) throws Exception {
        Benchmarks.onlyOptions(args, "--history", "--rate", "--baseline", "--warmup", "--trigger-share", "--cpu-share", "--gc");
        int history = Benchmarks.intOption(args, "--history", 100_000);
        int rate = Benchmarks.intOption(args, "--rate", 200);
        int baseline = Benchmarks.intOption(args, "--baseline", 60);
        int warmup = Benchmarks.intOption(args, "--warmup", 60);
        int triggerShare = Benchmarks.intOption(args, "--trigger-share", 20);
        String cpuShare = Benchmarks.option(args, "--cpu-share", null);
        String gc = Benchmarks.option(args, "--gc", "G1");
        String run = Long.toString(System.currentTimeMillis(), 36);

        var proposed = new java.util.TreeMap<String, String>();
        var rules = RepositoryLayout.root().resolve("rules");
        try (var walk = Files.walk(rules)) {
            for (var file : walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                proposed.put(rules.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        String offers = proposed.get("catalogue/offers.json");
        String lowered = offers.replaceFirst("(\"EASY_SAVER\"[\\s\\S]*?\"minAge\"\\s*:\\s*)18", "$116");
        if (lowered.equals(offers)) {
            throw new IllegalStateException("rules/catalogue/offers.json: no minAge 18 for EASY_SAVER to lower in the proposed rules");
        }
        proposed.put("catalogue/offers.json", lowered);

        var ports = new java.util.LinkedHashMap<String, Integer>();
        try (var socket = new java.net.ServerSocket(0)) {
            ports.put("decisioning", socket.getLocalPort());
        }
        // -Xlog: the collector's pauses, in decisioning.log, can be set against the slowest live decisions printed below
        System.setProperty("beacon.suite.service-jvm-args", "-Xms768m -Xmx768m -XX:+Use" + gc + "GC -Xlog:gc,safepoint");
        var infraPorts = LocalInfrastructure.freePorts();
        Benchmarks.announceJourneysOnceTheBrokerIsUp("127.0.0.1:" + infraPorts.get("kafka"));
        try (var suite = BeaconSuite.start(infraPorts, ports, Files.createTempDirectory("beacon-replay"),
                List.of("-Dbeacon.mongo.backend=memory", "-XX:TieredStopAtLevel=4", "-Xmx1g"),
                cpuShare == null ? Map.of() : Map.of("beacon.decisioning.replay.cpu-share", cpuShare))) {
            String bootstrap = suite.infrastructure().kafkaBootstrap();
            var random = new Random(17);
            var sentAt = new ConcurrentHashMap<String, Long>();
            var latencies = new ArrayList<long[]>(); // {published at (nanos), latency (nanos)}
            var done = new AtomicBoolean();
            Thread listener = new Thread(() -> Benchmarks.followDecisions(bootstrap, false, done, (eventId, readAt, decidedAt) -> {
                Long sent = sentAt.remove(eventId);
                if (sent != null) {
                    synchronized (latencies) {
                        latencies.add(new long[] {sent, readAt - sent});
                    }
                }
            }), "replay-benchmark-listener");
            listener.start();

            try (var producer = Benchmarks.producer(bootstrap); var admin = Benchmarks.admin(bootstrap)) {
                System.out.printf("Recording a history of %d profiled events...%n", history);
                long start = System.nanoTime();
                for (int n = 0; n < history; n++) {
                    String customer = "H" + run + "-" + random.nextInt(20_000);
                    var event = random.nextInt(100) < 5 ? Benchmarks.salaryChange("history-" + run + "-" + n, customer, random, birthDate(random))
                            : Benchmarks.cardPayment("history-" + run + "-" + n, customer, random);
                    producer.send(new ProducerRecord<>(Topics.EVENTS_PROFILED, customer, serialize(event)));
                }
                producer.flush();
                while (Benchmarks.committed(admin) < history) {
                    Thread.sleep(200);
                }
                System.out.printf("  recorded and decided live in %.1f s%n", (System.nanoTime() - start) / 1e9);

                var live = new LiveTraffic(producer, run, rate, triggerShare, random, sentAt);
                System.out.printf("Live traffic at %d events/s (%d%% trigger): %d s warm-up, %d s baseline...%n", rate, triggerShare, warmup, baseline);
                live.runFor(Duration.ofSeconds(warmup));
                long baselineFrom = System.nanoTime();
                live.runFor(Duration.ofSeconds(baseline));
                long baselineTo = System.nanoTime();

                System.out.println("Shadow replay of the history beside the live traffic...");
                var replay = replay(suite.serviceUrl("decisioning"), proposed);
                long replayFrom = System.nanoTime();
                while (!replay.isDone()) {
                    live.runFor(Duration.ofSeconds(1));
                }
                long replayTo = System.nanoTime();
                live.runFor(Duration.ofSeconds(5)); // the last decisions of the window come out
                Thread.sleep(3_000);
                done.set(true);
                listener.join(5_000);

                var answer = Json.mapper().readTree(replay.get().body());
                if (replay.get().statusCode() != 200) {
                    System.out.println("The replay was refused: " + replay.get().statusCode() + " " + answer);
                    System.exit(1);
                }
                var report = answer.path("report");
                long[] before = window(latencies, baselineFrom, baselineTo);
                long[] during = window(latencies, replayFrom, replayTo);
                System.out.printf("%nResult: the replay decided %,d recorded events (%,d with a trigger) twice, live and proposed, in %.1f s "
                                + "(decisioning's own time %.1f s); %,d decided differently (the proposal: Easy Saver from 16).%n",
                        report.path("events").asLong(), report.path("decided").asLong(), (replayTo - replayFrom) / 1e9,
                        answer.path("tookMillis").asLong() / 1e3, report.path("changedEvents").asLong());
                System.out.printf("Live decision latency at %d events/s without a replay (n=%d): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                        rate, before.length, pct(before, 50), pct(before, 95), pct(before, 99));
                System.out.printf("Live decision latency at %d events/s during the replay  (n=%d): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                        rate, during.length, pct(during, 50), pct(during, 95), pct(during, 99));
                var perSecond = new StringBuilder();
                for (long second = replayFrom; second < replayTo; second += 1_000_000_000L) {
                    long[] inSecond = window(latencies, second, Math.min(second + 1_000_000_000L, replayTo));
                    perSecond.append(String.format(" %.0f", inSecond.length == 0 ? 0 : inSecond[inSecond.length - 1] / 1e6));
                }
                System.out.println("  slowest live decision in each second of the replay (ms):" + perSecond);
                System.out.printf("p99 rise during the replay: %+.0f %%; lost live decisions: %d%n",
                        (pct(during, 99) / pct(before, 99) - 1) * 100, sentAt.size());
            }
        }
    }

    /** Live events at a fixed rate, each triggering one with the given share; the triggering ones are timed. */
    private static final class LiveTraffic {
        private final KafkaProducer<String, byte[]> producer;
        private final String run;
        private final long intervalNanos;
        private final int triggerShare;
        private final Random random;
        private final Map<String, Long> sentAt;
        private long n;

        LiveTraffic(KafkaProducer<String, byte[]> producer, String run, int rate, int triggerShare, Random random, Map<String, Long> sentAt) {
            this.producer = producer;
            this.run = run;
            this.intervalNanos = 1_000_000_000L / rate;
            this.triggerShare = triggerShare;
            this.random = random;
            this.sentAt = sentAt;
        }

        void runFor(Duration duration) throws Exception {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            for (long i = 0; ; i++) {
                long due = start + i * intervalNanos;
                if (due >= end) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
                String customer = "L" + run + "-" + random.nextInt(20_000);
                String eventId = "live-" + run + "-" + n++;
                boolean trigger = random.nextInt(100) < triggerShare;
                byte[] payload = serialize(trigger ? Benchmarks.salaryChange(eventId, customer, random, birthDate(random)) : Benchmarks.cardPayment(eventId, customer, random));
                if (trigger) {
                    sentAt.put(eventId, System.nanoTime());
                }
                producer.send(new ProducerRecord<>(Topics.EVENTS_PROFILED, customer, payload));
            }
        }
    }

    private static CompletableFuture<HttpResponse<String>> replay(String decisioning, Map<String, String> rules) throws Exception {
        String body = Json.mapper().writeValueAsString(Map.of("rules", rules, "days", 1, "sample", 20));
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(decisioning + "/api/changes/replay"))
                .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json").header("Authorization", BeaconSuite.authorization())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Ages 16 to 60: the proposal (Easy Saver from 16) changes the decision of the youngest. */
    private static String birthDate(Random random) {
        return java.time.LocalDate.now().minusYears(16 + random.nextInt(45)).minusDays(1).toString();
    }

    /** The latencies of the events published in [from, to), sorted. */
    private static long[] window(List<long[]> latencies, long from, long to) {
        synchronized (latencies) {
            return latencies.stream().filter(l -> l[0] >= from && l[0] < to).mapToLong(l -> l[1]).sorted().toArray();
        }
    }

    private static byte[] serialize(ProfiledEvent event) {
        return BeaconEvents.serialize(BeaconEvents.build(event.eventId(), event.eventSource(), "beacon.event.profiled", event.profile().customerId(), event));
    }

    /** A percentile of nanoseconds, in milliseconds. */
    private static double pct(long[] sorted, int percentile) {
        return sorted.length == 0 ? Double.NaN : Benchmarks.percentile(sorted, percentile) / 1e6;
    }

    private ShadowReplayBenchmark() {
    }
}
