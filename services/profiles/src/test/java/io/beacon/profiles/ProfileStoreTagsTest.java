package io.beacon.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.Json;
import io.beacon.platform.TestKeys;
import io.beacon.profiles.tags.PersonaTags;
import io.beacon.profiles.tags.TagDefinitionLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Persona tags as the store keeps them: once per event, none for a customer who refused profiling. */
class ProfileStoreTagsTest {

    private static final PersonaTags SHIPPED = TagDefinitionLoader.load(Path.of("../../rules"));

    private MongoServer server;
    private MongoClient client;
    private ProfileStore store;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        store = new ProfileStore(client.getDatabase("test"), TestKeys.protection(), () -> SHIPPED);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aRedeliveredSalaryIsCountedOnce() throws Exception {
        Instant first = Instant.parse("2026-01-05T09:00:00Z");
        store.applyAll(List.of(
                new ProfileStore.Change("C1", "core e1", BankEventType.TRANSACTION_POSTED, salary(), first),
                new ProfileStore.Change("C1", "core e1", BankEventType.TRANSACTION_POSTED, salary(), first)));
        store.apply("C1", "core e1", BankEventType.TRANSACTION_POSTED, salary(), first);
        Document profile = store.find("C1").orElseThrow();
        assertThat(profile.get("personaTags", new Document())).doesNotContainKey("salaryCreditedTwiceIn60Days");
        assertThat(profile.get("tagState", Document.class).get("salaryCreditedTwiceIn60Days", Document.class)
                .getList("days", Document.class)).singleElement().satisfies(d -> assertThat(d.getInteger("n")).isEqualTo(1));

        var snapshot = store.apply("C1", "core e2", BankEventType.TRANSACTION_POSTED, salary(), Instant.parse("2026-02-04T09:00:00Z"));
        assertThat(store.find("C1").orElseThrow().get("personaTags", Document.class).get("salaryCreditedTwiceIn60Days", Document.class)
                .getDate("until")).isEqualTo(java.util.Date.from(Instant.parse("2026-03-06T00:00:00Z")));
        // the snapshot reads the tags at the moment it is taken (now), when this window is long over
        assertThat(snapshot.personaTags()).doesNotContain("salaryCreditedTwiceIn60Days");
        assertThat(ProfileSnapshots.of(store.find("C1").orElseThrow(), Instant.parse("2026-02-10T00:00:00Z")).personaTags())
                .contains("salaryCreditedTwiceIn60Days");
    }

    @Test
    void aRefusalOfProfilingClearsTheTagsAndNoneAreKeptAfterwards() throws Exception {
        store.apply("C2", "e0", BankEventType.CUSTOMER_UPDATED, Json.mapper().readTree("{\"birthDate\":\"1995-03-01\"}"), Instant.now());
        assertThat(store.find("C2").orElseThrow()).containsKeys("personaTags", "tagState");
        assertThat(ProfileSnapshots.of(store.find("C2").orElseThrow()).personaTags()).contains("age25to35");
        long version = store.find("C2").orElseThrow().getLong("version");

        assertThat(store.recordProfiling("C2", false)).isTrue();
        Document refused = store.find("C2").orElseThrow();
        assertThat(refused).doesNotContainKeys("personaTags", "tagState");
        assertThat(refused.getLong("version")).isEqualTo(version + 1);

        store.apply("C2", "e1", BankEventType.TRANSACTION_POSTED, salary(), Instant.now());
        store.apply("C2", "e2", BankEventType.DIGITAL_LOGIN, Json.mapper().readTree("{\"channel\":\"APP\"}"), Instant.now());
        assertThat(store.find("C2").orElseThrow()).doesNotContainKeys("personaTags", "tagState");
    }

    @Test
    void aBankConsentEventRefusingProfilingClearsTheTagsInTheSameWrite() throws Exception {
        store.apply("C3", "e0", BankEventType.CUSTOMER_UPDATED, Json.mapper().readTree("{\"birthDate\":\"1995-03-01\"}"), Instant.now());
        var snapshot = store.apply("C3", "e1", BankEventType.CONSENT_CHANGED,
                Json.mapper().readTree("{\"purpose\":\"profiling\",\"status\":\"WITHDRAWN\",\"channel\":\"ALL\"}"), Instant.now());
        assertThat(snapshot.noProfiling()).isTrue();
        assertThat(snapshot.personaTags()).isEmpty();
        assertThat(store.find("C3").orElseThrow()).doesNotContainKeys("personaTags", "tagState");
    }

    private static JsonNode salary() throws Exception {
        return Json.mapper().readTree("{\"accountId\":\"A\",\"amount\":2500.00,\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"SALARY\"}");
    }
}
