package io.beacon.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.Json;
import io.beacon.platform.TestKeys;
import io.beacon.profiles.tags.PersonaTags;
import io.beacon.profiles.tags.TagBackfill;
import io.beacon.profiles.tags.TagDefinitionLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Back-filling a tag from recorded events: every event once, live or replayed, and a second run changes nothing. */
class TagBackfillTest {

    private static final PersonaTags SHIPPED = TagDefinitionLoader.load(Path.of("../../rules"));

    private MongoServer server;
    private MongoClient client;
    private ProfileStore store;
    private final List<TagBackfill.Replayed> recorded = new ArrayList<>();
    private TagBackfill backfill;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        var protection = TestKeys.protection();
        store = new ProfileStore(client.getDatabase("test"), protection, () -> SHIPPED);
        backfill = new TagBackfill(client.getDatabase("test"), () -> SHIPPED, sink -> recorded.forEach(sink),
                Clock.fixed(Instant.parse("2026-02-10T12:00:00Z"), ZoneOffset.UTC), new SealedFields(protection));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void recordedEventsBeforeTheTagExistedMakeTheTagAndASecondRunChangesNothing() throws Exception {
        // the profile exists, but its salaries were applied before the tag was defined: no state for it
        store.apply("C1", "e0", BankEventType.CUSTOMER_UPDATED, Json.mapper().readTree("{\"country\":\"GB\"}"), Instant.parse("2026-01-01T00:00:00Z"));
        record("C1", "e1", salary(), "2026-01-05T09:00:00Z");
        record("C1", "e2", salary(), "2026-02-04T09:00:00Z");
        record("C1", "e3", json("{\"accountId\":\"A\",\"amount\":5,\"currency\":\"GBP\",\"direction\":\"DEBIT\",\"category\":\"FEE\"}"), "2026-02-05T09:00:00Z");

        var result = backfill.run("salaryCreditedTwiceIn60Days");
        assertThat(result.eventsRecorded()).isEqualTo(3);
        assertThat(result.profilesChanged()).isEqualTo(1);
        Document profile = store.find("C1").orElseThrow();
        Document span = tag(profile, "salaryCreditedTwiceIn60Days");
        // it holds from the recorded salary that reached the threshold, as the live upkeep would have said (ADR 0022)
        assertThat(span.getDate("from")).isEqualTo(Date.from(Instant.parse("2026-02-04T09:00:00Z")));
        assertThat(span.getDate("until")).isEqualTo(Date.from(Instant.parse("2026-03-06T00:00:00Z")));

        backfill.run("salaryCreditedTwiceIn60Days");
        Document again = store.find("C1").orElseThrow();
        assertThat(again.get("tagState")).isEqualTo(profile.get("tagState"));
        assertThat(again.get("personaTags")).isEqualTo(profile.get("personaTags"));
        // the scratch copy of the events is gone
        assertThat(client.getDatabase("test").getCollection("tag_backfill").countDocuments()).isZero();
    }

    @Test
    void anEventAlreadyCountedLiveIsNotCountedAgain() throws Exception {
        // the tag was defined before the second salary: that one was counted live, the first one was not
        store.apply("C2", "core e2", BankEventType.TRANSACTION_POSTED, salary(), Instant.parse("2026-02-04T09:00:00Z"));
        record("C2", "e1", salary(), "2026-01-05T09:00:00Z");
        record("C2", "e2", salary(), "2026-02-04T09:00:00Z");

        backfill.run("salaryCreditedTwiceIn60Days");
        Document state = store.find("C2").orElseThrow().get("tagState", Document.class).get("salaryCreditedTwiceIn60Days", Document.class);
        assertThat(state.getList("days", Document.class)).extracting(d -> d.getInteger("n")).containsExactly(1, 1);
        // it holds from the live salary that, with the recorded one, reached the threshold
        assertThat(tag(store.find("C2").orElseThrow(), "salaryCreditedTwiceIn60Days").getDate("from"))
                .isEqualTo(Date.from(Instant.parse("2026-02-04T09:00:00Z")));

        // and live counting goes on on top of the back-filled state
        store.apply("C2", "core e3", BankEventType.TRANSACTION_POSTED, salary(), Instant.parse("2026-02-20T09:00:00Z"));
        state = store.find("C2").orElseThrow().get("tagState", Document.class).get("salaryCreditedTwiceIn60Days", Document.class);
        assertThat(state.getList("days", Document.class)).extracting(d -> d.getInteger("n")).containsExactly(1, 1, 1);
    }

    @Test
    void aCustomerWhoRefusedProfilingIsNotBackFilled() throws Exception {
        store.apply("C3", "e0", BankEventType.CUSTOMER_UPDATED, Json.mapper().readTree("{\"country\":\"GB\"}"), Instant.parse("2026-01-01T00:00:00Z"));
        store.recordProfiling("C3", false);
        record("C3", "e1", salary(), "2026-01-05T09:00:00Z");
        record("C3", "e2", salary(), "2026-02-04T09:00:00Z");
        assertThat(backfill.run("salaryCreditedTwiceIn60Days").profilesChanged()).isZero();
        assertThat(store.find("C3").orElseThrow()).doesNotContainKeys("personaTags", "tagState");
    }

    @Test
    void anAgeBandIsBackFilledFromTheBirthDateAndAnUnknownTagIsRefused() throws Exception {
        store.apply("C4", "e0", BankEventType.CUSTOMER_UPDATED, Json.mapper().readTree("{\"birthDate\":\"1996-05-01\"}"), Instant.parse("2026-01-01T00:00:00Z"));
        client.getDatabase("test").getCollection("profiles").updateOne(Filters.eq("_id", "C4"), Updates.unset("personaTags"));
        backfill.run("age25to35");
        assertThat(tag(store.find("C4").orElseThrow(), "age25to35").getDate("from")).isEqualTo(Date.from(Instant.parse("2021-05-01T00:00:00Z")));
        assertThatThrownBy(() -> backfill.run("age26to36")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("age26to36");
    }

    private void record(String customer, String id, JsonNode data, String at) {
        recorded.add(new TagBackfill.Replayed(customer, "core " + id, BankEventType.TRANSACTION_POSTED, data, Instant.parse(at)));
    }

    private static Document tag(Document profile, String name) {
        return profile.get("personaTags", new Document()).get(name, Document.class);
    }

    private static JsonNode salary() {
        return json("{\"accountId\":\"A\",\"amount\":2500.00,\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"SALARY\"}");
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
