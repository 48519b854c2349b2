package io.beacon.profiles.campaigns;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.beacon.platform.EventPublisher;
import io.beacon.testkit.LocalInfrastructure;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A benchmark, not a test: a campaign run over N synthetic profiles in the MongoDB stand-in (its own JVM, with Kafka, as
 * {@code ./beacon up} runs them), measured in this JVM, which plays the profiles service and should run with
 * {@code -Xmx512m}. Phase 1, the audience: the run streams every profile past the shipped tag-based audience
 * ({@code rules/audiences/regular-earners-abroad.json}) and records the members (confirmAbove 0 stops it there).
 * Phase 2, the triggers: the run is confirmed and emits its members as {@code beacon.campaign.member} events onto
 * {@code beacon.events.profiled} at {@code --rate}, for {@code --emit-seconds}; the emitted count over the time gives the
 * rate at which campaign triggers enter the decision path (decisioning's own stage is DecisionStageBenchmark's).
 *
 * <p>Options: {@code --profiles N} (1000000), {@code --rate R} per second (2000), {@code --emit-seconds S} (30). The
 * stand-in ignores non-unique indexes: the scan reads by {@code _id} order (the _id index, which it does use) and the
 * members by {@code {run, emittedAt, dueAt}}, shapes a real MongoDB serves from an index. Command: see
 * services/profiles/README.md, "Performance".
 */
public final class AudienceScanBenchmark {

    /** One key for the profiles generated and the scan that reads them: their birth dates are sealed at rest (ADR 0038). */
    private static final io.beacon.profiles.SealedFields SEALED = new io.beacon.profiles.SealedFields(io.beacon.platform.TestKeys.protection());


    public static void main(String[] args) throws Exception {
        int profiles = intOption(args, "--profiles", 1_000_000);
        int rate = intOption(args, "--rate", 2000);
        int emitSeconds = intOption(args, "--emit-seconds", 30);
        Path data = Files.createTempDirectory("beacon-audience-benchmark");
        try (LocalInfrastructure infra = LocalInfrastructure.start(LocalInfrastructure.freePorts(), data,
                List.of("-Dbeacon.mongo.backend=memory", "-Xmx6g", "-XX:TieredStopAtLevel=4"));
             MongoClient client = MongoClients.create(infra.mongoUri())) {
            MongoDatabase db = client.getDatabase("beacon-profiles-benchmark");
            long started = System.nanoTime();
            generate(db, profiles);
            System.out.printf("generated %,d profiles in %.1f s%n", profiles, (System.nanoTime() - started) / 1e9);

            Path rules = Path.of("rules").toAbsolutePath();
            CampaignDefinitions shipped = CampaignDefinitions.load(rules, Set.of("salaryCreditedTwiceIn60Days", "cardSpendAbroadIn90Days", "age25to35", "noDigitalLoginFor60Days"), Instant.now());
            Audience audience = shipped.audiences().get("regular-earners-abroad");
            Campaign campaign = new Campaign("benchmark", "benchmark", "campaigns/benchmark.json", audience.id(), "TRAVEL_CARD",
                    new Schedule.Once(Instant.now()), "", new SendWindow(java.time.LocalTime.MIN, java.time.LocalTime.of(23, 59)),
                    rate, 0, "b1");
            var definitions = new CampaignDefinitions("b", Instant.now(), Map.of(audience.id(), audience), Map.of(campaign.id(), campaign));
            var template = new KafkaTemplate<String, byte[]>(new DefaultKafkaProducerFactory<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(), ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
            var runner = new CampaignRunner(db, new EventPublisher(template), Clock.systemUTC(), () -> definitions, Duration.ofMinutes(5), 500, Duration.ofHours(1), SEALED);
            runner.ensureIndexes();
            resetPeaks();

            started = System.nanoTime();
            runner.tick();
            double scan = (System.nanoTime() - started) / 1e9;
            String runId = CampaignRunner.runId("benchmark", ((Schedule.Once) campaign.schedule()).at());
            var progress = runner.progress(runId).orElseThrow();
            System.out.printf("audience over %,d profiles: %,d members found in %.1f s (%,.0f profiles/s); heap max %d MB, peak used %d MB%n",
                    progress.scanned(), progress.found(), scan, progress.scanned() / scan, Runtime.getRuntime().maxMemory() >> 20, peakHeap() >> 20);

            runner.confirm(runId, "benchmark");
            Thread emitter = new Thread(runner::tick, "emitter");
            emitter.setDaemon(true);
            started = System.nanoTime();
            emitter.start();
            Thread.sleep(Duration.ofSeconds(emitSeconds));
            long triggered = runner.progress(runId).orElseThrow().triggered();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("campaign triggers onto beacon.events.profiled: %,d in %.1f s = %,.0f/s (throttle %d/s); heap peak used %d MB%n",
                    triggered, seconds, triggered / seconds, rate, peakHeap() >> 20);
            System.exit(0);
        }
    }

    private static void generate(MongoDatabase db, int count) {
        var profiles = db.getCollection("profiles");
        Random random = new Random(13);
        String[] countries = {"GB", "IE", "CN", "HK", "SG"};
        String[] zones = {"Europe/London", "Europe/Dublin", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore"};
        Date from = Date.from(Instant.now().minus(Duration.ofDays(20)));
        List<Document> batch = new ArrayList<>(5000);
        for (int i = 0; i < count; i++) {
            int c = random.nextInt(countries.length);
            Document tags = new Document();
            if (random.nextInt(100) < 40) {
                tags.append("salaryCreditedTwiceIn60Days", new Document("from", from));
            }
            if (random.nextInt(100) < 20) {
                tags.append("cardSpendAbroadIn90Days", new Document("from", from).append("until", Date.from(Instant.now().plus(Duration.ofDays(60)))));
            }
            batch.add(SEALED.forStorage(new Document("_id", String.format("B%08d", i)).append("birthDate", LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1).toString())
                    .append("country", countries[c]).append("language", "en-GB").append("timeZone", zones[c]).append("segment", random.nextInt(10) == 0 ? "PRIVATE" : "MASS")
                    .append("holdings", List.of("CURRENT_ACCOUNT")).append("preferredChannels", List.of("sms", "email"))
                    .append("salary", new Document("amount", new Decimal128(BigDecimal.valueOf(1500 + random.nextInt(6000)))).append("currency", "GBP"))
                    .append("flags", new Document()).append("noProfiling", random.nextInt(50) == 0).append("personaTags", tags)));
            if (batch.size() == 5000) {
                profiles.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            profiles.insertMany(batch);
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static int intOption(String[] args, String name, int fallback) {
        int at = List.of(args).indexOf(name);
        return at < 0 || at + 1 >= args.length ? fallback : Integer.parseInt(args[at + 1]);
    }
}
