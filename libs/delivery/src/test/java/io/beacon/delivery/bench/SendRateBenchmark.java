package io.beacon.delivery.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.beacon.delivery.InMemoryMongo;
import io.beacon.delivery.ProviderGuard;
import io.beacon.delivery.SendRateLimiter;
import io.beacon.delivery.TestResilience;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.beacon.testkit.LocalInfrastructure;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the cluster-wide send rate (ADR 0036) adds to one send: sends paced at a fixed rate (open loop: latency counted
 * from when the send was due, so a stall is not hidden), through a {@link ProviderGuard} with the production order,
 * first without the cluster limiter, then with it (its limit far above the rate, so nothing waits for a slot; the cost
 * measured is the MongoDB round trip of the conditional increment). The provider call itself is empty. Not a test:
 * run it as libs/delivery/README.md says. Args: seconds per run (30), sends per second (100), and where MongoDB is:
 * {@code infra-local} (the default: infra/local's stand-in started in its own JVM on free ports, as a local run has it),
 * {@code in-process} (mongo-java-server in the benchmark's JVM) or a MongoDB URI.
 */
public final class SendRateBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String where = args.length > 2 ? args[2] : "infra-local";
        InMemoryMongo embedded = where.equals("in-process") ? new InMemoryMongo() : null;
        // infra/local in its own JVM on free ports, with its default (H2) backend, as a local run uses it
        LocalInfrastructure infra = where.equals("infra-local")
                ? LocalInfrastructure.start(LocalInfrastructure.freePorts(), Files.createTempDirectory("beacon-send-rate-bench"), List.of())
                : null;
        String uri = embedded != null ? embedded.uri() : infra != null ? infra.mongoUri() : where;
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase database = client.getDatabase("beacon-send-rate-bench");
            database.drop();
            SendRateLimiter.ensureIndexes(database);
            var limiter = new SendRateLimiter(database, "bench-sender", 100_000, Duration.ofSeconds(1), Duration.ofSeconds(5), Clock.systemUTC());
            System.out.printf("send rate benchmark: %d s per run at %d sends/s, MongoDB: %s (%s)%n", seconds, rate, where, uri);
            run("warm-up, with the cluster limiter", guard(limiter), Math.min(10, seconds), rate);
            run("warm-up, without", guard(null), Math.min(5, seconds), rate);
            long[] without = run("without the cluster limiter", guard(null), seconds, rate);
            long[] with = run("with the cluster limiter", guard(limiter), seconds, rate);
            System.out.printf("added by the cluster limiter: p50 %.2f ms, p99 %.2f ms%n",
                    (percentile(with, 50) - percentile(without, 50)) / 1e6, (percentile(with, 99) - percentile(without, 99)) / 1e6);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            if (infra != null) {
                infra.close();
            }
        }
    }

    private static ProviderGuard guard(SendRateLimiter limiter) {
        return new ProviderGuard("bench", TestResilience.retry("bench"), TestResilience.circuitBreaker("bench"),
                RateLimiter.of("bench", RateLimiterConfig.custom().limitForPeriod(100_000).limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ofSeconds(5)).build()),
                Bulkhead.of("bench", BulkheadConfig.custom().maxConcurrentCalls(16).build()), limiter);
    }

    /** Sends paced at {@code rate} per second for {@code seconds}; returns each send's latency from its due time, in ns. */
    private static long[] run(String name, ProviderGuard guard, int seconds, int rate) throws InterruptedException {
        int total = seconds * rate;
        long[] latencies = new long[total];
        var done = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(16);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            int n = i;
            long due = start + n * interval;
            pacer.schedule(() -> workers.submit(() -> {
                guard.send(() -> n);
                latencies[n] = System.nanoTime() - due;
                done.incrementAndGet();
            }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        pacer.shutdown();
        pacer.awaitTermination(seconds + 10L, TimeUnit.SECONDS);
        workers.shutdown();
        workers.awaitTermination(30, TimeUnit.SECONDS);
        long[] sorted = Arrays.copyOf(latencies, done.get());
        Arrays.sort(sorted);
        System.out.printf("%-34s %6d sends  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n", name, sorted.length,
                percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
        return sorted;
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
