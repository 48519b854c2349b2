package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster-wide send rate on the MongoDB wire protocol (mongo-java-server), as every sender instance counts it. */
class SendRateLimiterTest {

    private static final InMemoryMongo mongo = new InMemoryMongo();
    private MongoDatabase database;

    @BeforeEach
    void freshDatabase() {
        database = mongo.freshDatabase();
        SendRateLimiter.ensureIndexes(database);
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void twoInstancesOfOneSenderShareTheLimitOfASlot() {
        // a clock that stands still: every permit asks for the same slot
        Clock frozen = Clock.fixed(Instant.parse("2026-12-06T10:00:00.250Z"), ZoneOffset.UTC);
        var first = new SendRateLimiter(database, "+447700900001", 3, Duration.ofSeconds(1), Duration.ZERO, frozen);
        var second = new SendRateLimiter(database, "+447700900001", 3, Duration.ofSeconds(1), Duration.ZERO, frozen);

        first.acquire();
        second.acquire();
        first.acquire();

        assertThatThrownBy(second::acquire).isInstanceOf(SendRateLimiter.NoSlotException.class)
                .hasMessageContaining("+447700900001").hasMessageContaining("across all instances");
        Document slot = database.getCollection(SendRateLimiter.COLLECTION).find(Filters.eq("sender", "+447700900001")).first();
        assertThat(slot).isNotNull();
        {
                    assertThat(slot.getString("_id")).isEqualTo("+447700900001/" + Instant.parse("2026-12-06T10:00:00Z").toEpochMilli());
                    assertThat(slot.getInteger("count")).isEqualTo(3);
                    assertThat(slot.getDate("expireAt")).isEqualTo(Date.from(Instant.parse("2026-12-06T10:01:00Z")));
        }
    }

    @Test
    void anotherSenderHasItsOwnLimit() {
        Clock frozen = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
        new SendRateLimiter(database, "long-code-1", 1, Duration.ofSeconds(1), Duration.ZERO, frozen).acquire();

        new SendRateLimiter(database, "long-code-2", 1, Duration.ofSeconds(1), Duration.ZERO, frozen).acquire();

        assertThat(database.getCollection(SendRateLimiter.COLLECTION).countDocuments()).isEqualTo(2);
    }

    @Test
    void aFullSlotWaitsForTheNextOneAndConcurrentCallersNeverExceedTheLimit() throws Exception {
        var limiter = new SendRateLimiter(database, "BEACONBANK", 2, Duration.ofMillis(200), Duration.ofSeconds(5), Clock.systemUTC());
        var granted = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(6);
        long started = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            pool.submit(() -> {
                limiter.acquire();
                granted.incrementAndGet();
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(granted).hasValue(12);
        // six callers at once on two permits per 200 ms slot: no slot counted more than two, so twelve permits took at
        // least six slots, five of them waited for
        var counts = database.getCollection(SendRateLimiter.COLLECTION).find(Filters.eq("sender", "BEACONBANK"))
                .map(slot -> slot.getInteger("count")).into(new java.util.ArrayList<>());
        assertThat(counts).allSatisfy(count -> assertThat(count).isBetween(1, 2)).hasSizeGreaterThanOrEqualTo(6);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void refusesOnceNoSlotHasRoomWithinTheLongestWait() {
        var limiter = new SendRateLimiter(database, "BEACONBANK", 1, Duration.ofSeconds(10), Duration.ofMillis(300), Clock.systemUTC());
        limiter.acquire();

        long started = System.nanoTime();
        assertThatThrownBy(limiter::acquire).isInstanceOf(SendRateLimiter.NoSlotException.class);
        // the next slot is further away than the longest wait: refused at once, not after sleeping
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void theInstanceThatOpensASlotDeletesTheSendersSlotsOlderThanAMinuteInTheBackground() {
        var slots = database.getCollection(SendRateLimiter.COLLECTION);
        Instant now = Instant.parse("2026-12-06T10:05:00Z");
        slots.insertOne(new Document("_id", "BEACONBANK/old").append("sender", "BEACONBANK").append("count", 1)
                .append("slot", Date.from(now.minus(Duration.ofMinutes(2)))));
        slots.insertOne(new Document("_id", "other/old").append("sender", "other").append("count", 1)
                .append("slot", Date.from(now.minus(Duration.ofMinutes(2)))));
        slots.insertOne(new Document("_id", "BEACONBANK/recent").append("sender", "BEACONBANK").append("count", 1)
                .append("slot", Date.from(now.minus(Duration.ofSeconds(30)))));

        new SendRateLimiter(database, "BEACONBANK", 1, Duration.ofSeconds(1), Duration.ZERO, Clock.fixed(now, ZoneOffset.UTC)).acquire();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(slots.find().map(d -> d.getString("_id")).into(new java.util.ArrayList<>()))
                        .containsExactlyInAnyOrder("other/old", "BEACONBANK/recent", "BEACONBANK/" + now.toEpochMilli()));
    }

    @Test
    void aMongoDbThatCannotCountRefusesThePermitAsUnavailable() {
        try (var unreachable = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:1"))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(200, TimeUnit.MILLISECONDS)).build())) {
            var limiter = new SendRateLimiter(unreachable.getDatabase("sms"), "BEACONBANK", 1, Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Clock.systemUTC());
            assertThatThrownBy(limiter::acquire).isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("could not be counted");
        }
    }

    @Test
    void aGuardMapsTheRefusalToUnavailableWithoutRetryingOrCallingTheProvider() {
        Clock frozen = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
        var limiter = new SendRateLimiter(database, "BEACONBANK", 1, Duration.ofSeconds(1), Duration.ZERO, frozen);
        var breaker = TestResilience.circuitBreaker("Twilio");
        var guard = new ProviderGuard("Twilio", TestResilience.retry("Twilio"), breaker,
                io.github.resilience4j.ratelimiter.RateLimiter.ofDefaults("twilio"),
                io.github.resilience4j.bulkhead.Bulkhead.ofDefaults("twilio"), limiter);
        var calls = new AtomicInteger();

        assertThat(guard.send(calls::incrementAndGet)).isEqualTo(1);
        assertThatThrownBy(() -> guard.send(calls::incrementAndGet)).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("Twilio send rate limit");
        // a read (a status lookup) creates no message and takes no permit
        assertThat(guard.read(calls::incrementAndGet)).isEqualTo(2);

        assertThat(calls).hasValue(2);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void refusesASenderOrLimitThatCannotWork() {
        assertThatThrownBy(() -> new SendRateLimiter(database, " ", 1, Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sender");
        assertThatThrownBy(() -> new SendRateLimiter(database, "BEACONBANK", 0, Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new SendRates(new SendRateProperties(java.util.Map.of()), database, Clock.systemUTC()).limiter("twilio"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("beacon.delivery.send-rates.twilio");
    }
}
