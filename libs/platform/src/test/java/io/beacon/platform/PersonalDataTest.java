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
import io.beacon.contracts.api.erasure.ErasureReport;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    private static final Pseudonyms PSEUDONYMS = Pseudonyms.fromKey(java.util.Base64.getEncoder().encodeToString(new byte[32]));

    private final PersonalData declared = PersonalData.of(
            PersonalData.Store.byField("deliveries", "customerId").keptFor(Duration.ofDays(400), "createdAt"),
            PersonalData.Store.byIdPrefix("counters", "|"),
            PersonalData.Store.byField("outcomes", "customerId").anonymised("customerId"));

    /** Decisions, kept after erasure for 5 years at most, their own retention (5 years after the decision) still applying. */
    private final PersonalData keeping = PersonalData.of(
            PersonalData.Store.byField("decisions", "customerId").keptFor(Duration.ofDays(1826), "at")
                    .keptAfterErasure(Duration.ofDays(1826), PersonalData.MIFID_RECORD_KEEPING, "note", "check.reason"));

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
        var report = declared.erase(database, "sample", "C-1", PSEUDONYMS, NOW).stores();

        assertThat(report).containsExactly(Map.entry("test.deliveries", ErasureReport.Store.deleted(1)),
                Map.entry("test.counters", ErasureReport.Store.deleted(2)), Map.entry("test.outcomes", ErasureReport.Store.anonymised(1)));
        assertThat(database.getCollection("deliveries").countDocuments(Filters.eq("customerId", "C-1"))).isZero();
        assertThat(database.getCollection("counters").find().map(d -> d.getString("_id"))).containsExactly("C-10|2026-11-22");
        // the funnel keeps its count: the outcome stays, without the customer
        assertThat(database.getCollection("outcomes").countDocuments()).isEqualTo(2);
        assertThat(database.getCollection("outcomes").find(Filters.eq("_id", "o1")).first().get("customerId")).isNull();
        assertThat(declared.erase(database, "sample", "C-1", PSEUDONYMS, NOW).stores()).containsExactly(
                Map.entry("test.deliveries", ErasureReport.Store.deleted(0)), Map.entry("test.counters", ErasureReport.Store.deleted(0)),
                Map.entry("test.outcomes", ErasureReport.Store.anonymised(0)));
    }

    @Test
    void aKeptRecordStaysUnderThePseudonymWithoutTheCustomerIdOrItsFreeTextUntilItsTimeIsUp() {
        insertDecisions();
        String pseudonym = PSEUDONYMS.of("C-1");

        var report = keeping.erase(database, "decisioning", "C-1", PSEUDONYMS, NOW).stores().get("test.decisions");

        assertThat(report.action()).isEqualTo("kept");
        assertThat(report.documents()).isEqualTo(2);
        assertThat(report.legalBasis()).isEqualTo("MiFID II Art. 16(6) and Art. 25 record keeping; GDPR Art. 17(3)(b)");
        assertThat(report.removed()).containsExactly("note", "check.reason");
        var decisions = database.getCollection("decisions");
        assertThat(decisions.countDocuments(Filters.eq("customerId", "C-1"))).isZero();
        assertThat(decisions.countDocuments(Filters.eq("customerId", "C-2"))).isEqualTo(1);
        for (Document kept : decisions.find(Filters.eq("customerId", pseudonym))) {
            assertThat(kept.toJson()).doesNotContain("C-1", "Ann Example");
            assertThat(kept.getString("outcome")).isEqualTo("TRIGGERED");
            assertThat(kept.get("check", Document.class).getString("status")).isEqualTo("APPROVED");
        }
        // the id that named the customer now names the pseudonym
        assertThat(decisions.find(Filters.eq("_id", "erasure:" + pseudonym)).first()).isNotNull();
        // a decision made a year ago is kept until its own five years are up, a new one for five years after the erasure
        assertThat(decisions.find(Filters.eq("_id", "d-old")).first().getDate(PersonalData.KEPT_UNTIL).toInstant())
                .isEqualTo(NOW.minus(Duration.ofDays(365)).plus(Duration.ofDays(1826)));
        assertThat(decisions.find(Filters.eq("_id", "erasure:" + pseudonym)).first().getDate(PersonalData.KEPT_UNTIL).toInstant())
                .isEqualTo(NOW.plus(Duration.ofDays(1826)));
        assertThat(report.keptUntil()).isEqualTo(NOW.plus(Duration.ofDays(1826)));
    }

    @Test
    void aSecondErasureChangesNothingAndReportsTheSameKeptRecords() {
        insertDecisions();
        var first = keeping.erase(database, "decisioning", "C-1", PSEUDONYMS, NOW);
        var keptAfterFirst = database.getCollection("decisions").find().into(new java.util.ArrayList<>());

        var second = keeping.erase(database, "decisioning", "C-1", PSEUDONYMS, NOW.plus(Duration.ofDays(3)));

        assertThat(second).isEqualTo(first);
        assertThat(database.getCollection("decisions").find().into(new java.util.ArrayList<>())).isEqualTo(keptAfterFirst);
    }

    @Test
    void theRetentionJobDeletesKeptRecordsOnceTheirTimeIsUpAndNothingElse() {
        insertDecisions();
        keeping.erase(database, "decisioning", "C-1", PSEUDONYMS, NOW);
        var decisions = database.getCollection("decisions");

        Instant beforeTheOldOneIsDue = NOW.minus(Duration.ofDays(365)).plus(Duration.ofDays(1826)).minusSeconds(1);
        assertThat(new RetentionJob(keeping, database, Clock.fixed(beforeTheOldOneIsDue, ZoneOffset.UTC), Duration.ofHours(1)).runOnce())
                .containsExactly(Map.entry("decisions", 0L));

        Instant afterTheOldOne = NOW.minus(Duration.ofDays(365)).plus(Duration.ofDays(1826)).plusSeconds(1);
        new RetentionJob(keeping, database, Clock.fixed(afterTheOldOne, ZoneOffset.UTC), Duration.ofHours(1)).runOnce();
        assertThat(decisions.find().map(d -> d.getString("_id"))).containsExactlyInAnyOrder("erasure:" + PSEUDONYMS.of("C-1"), "d-other");

        Instant afterAll = NOW.plus(Duration.ofDays(1826)).plusSeconds(1);
        new RetentionJob(keeping, database, Clock.fixed(afterAll, ZoneOffset.UTC), Duration.ofHours(1)).runOnce();
        // the other customer's decision, never erased, goes by its own retention (made a day later, it stays a day longer)
        assertThat(decisions.find().map(d -> d.getString("_id"))).containsExactly("d-other");
    }

    private void insertDecisions() {
        database.getCollection("decisions").insertMany(java.util.List.of(
                new Document("_id", "d-old").append("customerId", "C-1").append("outcome", "TRIGGERED")
                        .append("at", Date.from(NOW.minus(Duration.ofDays(365))))
                        .append("note", "Dear Ann Example, as we discussed").append("check", new Document("status", "APPROVED").append("reason", "Ann Example asked")),
                new Document("_id", "erasure:C-1").append("customerId", "C-1").append("outcome", "TRIGGERED").append("at", Date.from(NOW))
                        .append("check", new Document("status", "APPROVED")),
                new Document("_id", "d-other").append("customerId", "C-2").append("outcome", "TRIGGERED")
                        .append("at", Date.from(NOW.plus(Duration.ofDays(1))))));
    }

    @Test
    void retentionDeletesWhatOutlivedItsPeriodAndNothingElse() {
        var job = new RetentionJob(declared, database, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));

        assertThat(job.runOnce()).containsExactly(Map.entry("deliveries", 1L));

        assertThat(database.getCollection("deliveries").find().map(d -> d.getString("_id"))).containsExactlyInAnyOrder("d1", "d3");
        assertThat(database.getCollection("counters").countDocuments()).isEqualTo(3);
    }
}
