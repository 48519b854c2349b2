package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    private final PersonalData declared = PersonalData.of(
            PersonalData.Store.byField("deliveries", "customerId").keptFor(Duration.ofDays(400), "createdAt"),
            PersonalData.Store.byIdPrefix("counters", "|"),
            PersonalData.Store.byField("outcomes", "customerId").anonymised("customerId"));

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        database = client.getDatabase("test");
        database.getCollection("deliveries").insertMany(java.util.List.of(
                new Document("_id", "d1").append("customerId", "C-1").append("createdAt", Date.from(NOW.minus(Duration.ofDays(10)))),
                new Document("_id", "d2").append("customerId", "C-2").append("createdAt", Date.from(NOW.minus(Duration.ofDays(401)))),
                new Document("_id", "d3").append("customerId", "C-2").append("createdAt", Date.from(NOW.minus(Duration.ofDays(399))))));
        database.getCollection("counters").insertMany(java.util.List.of(new Document("_id", "C-1|2026-W47"),
                new Document("_id", "C-1|2026-11-22"), new Document("_id", "C-10|2026-11-22")));
        database.getCollection("outcomes").insertMany(java.util.List.of(
                new Document("_id", "o1").append("customerId", "C-1").append("journey", "first-salary").append("type", "SENT"),
                new Document("_id", "o2").append("customerId", "C-2").append("journey", "first-salary").append("type", "SENT")));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void erasureDeletesOrAnonymisesOnlyThatCustomersDocumentsAndSaysHowMany() {
        Map<String, Long> report = declared.erase(database, "C-1");

        assertThat(report).containsExactly(Map.entry("deliveries", 1L), Map.entry("counters", 2L), Map.entry("outcomes", 1L));
        assertThat(database.getCollection("deliveries").countDocuments(Filters.eq("customerId", "C-1"))).isZero();
        assertThat(database.getCollection("counters").find().map(d -> d.getString("_id"))).containsExactly("C-10|2026-11-22");
        // the funnel keeps its count: the outcome stays, without the customer
        assertThat(database.getCollection("outcomes").countDocuments()).isEqualTo(2);
        assertThat(database.getCollection("outcomes").find(Filters.eq("_id", "o1")).first().get("customerId")).isNull();
        assertThat(declared.erase(database, "C-1")).containsExactly(Map.entry("deliveries", 0L), Map.entry("counters", 0L), Map.entry("outcomes", 0L));
    }

    @Test
    void retentionDeletesWhatOutlivedItsPeriodAndNothingElse() {
        var job = new RetentionJob(declared, database, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));

        assertThat(job.runOnce()).containsExactly(Map.entry("deliveries", 1L));

        assertThat(database.getCollection("deliveries").find().map(d -> d.getString("_id"))).containsExactlyInAnyOrder("d1", "d3");
        assertThat(database.getCollection("counters").countDocuments()).isEqualTo(3);
    }
}
