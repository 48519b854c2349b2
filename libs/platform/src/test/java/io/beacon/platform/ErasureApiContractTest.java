package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.erasure.ErasureApi;
import io.beacon.contracts.api.erasure.ErasureReport;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The erasure API every service serves (the platform's endpoint), called as consent calls it: through the typed client,
 * over real HTTP, into a service that declares a deleted and an anonymised store.
 */
@SpringBootTest(classes = ErasureApiContractTest.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=sample", "beacon.mongo.database=sample", "beacon.zeebe.enabled=false"})
class ErasureApiContractTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Service {
        @Bean
        PersonalData personalData() {
            return PersonalData.of(PersonalData.Store.byField("preferences", "customerId"),
                    PersonalData.Store.byField("outcomes", "customerId").anonymised("customerId"),
                    PersonalData.Store.byField("decisions", "customerId").keptAfterErasure(Duration.ofDays(1826), PersonalData.MIFID_RECORD_KEEPING, "note"));
        }
    }

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("beacon.mongo.uri", () -> MONGO_URI);
    }

    @AfterAll
    static void stopMongo() {
        MONGO.shutdownNow();
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    private ErasureApi as(String caller) {
        return new ServiceClients(caller, ServiceApiTesting.developmentPassword(caller)).api(ErasureApi.class, URI.create("http://127.0.0.1:" + port));
    }

    @Test
    void theReportSaysPerStoreWhatWasDoneAndASecondCallFindsNothing() {
        database.getCollection("preferences").insertMany(List.of(new Document("customerId", "C-1"), new Document("customerId", "C-1"),
                new Document("customerId", "C-2")));
        database.getCollection("outcomes").insertOne(new Document("customerId", "C-1").append("type", "SENT"));
        database.getCollection("decisions").insertOne(new Document("customerId", "C-1").append("outcome", "TRIGGERED").append("note", "for Ann"));
        Instant before = Instant.now();

        ErasureReport report = as("consent").erase("C-1");

        assertThat(report.service()).isEqualTo("sample");
        assertThat(report.stores()).containsEntry("sample.preferences", ErasureReport.Store.deleted(2))
                .containsEntry("sample.outcomes", ErasureReport.Store.anonymised(1));
        var kept = report.stores().get("sample.decisions");
        assertThat(kept.action()).isEqualTo("kept");
        assertThat(kept.documents()).isEqualTo(1);
        assertThat(kept.legalBasis()).contains("MiFID II", "GDPR Art. 17(3)(b)");
        assertThat(kept.removed()).containsExactly("note");
        assertThat(kept.keptUntil()).isBetween(before.plus(Duration.ofDays(1826)), Instant.now().plus(Duration.ofDays(1826)));
        assertThat(database.getCollection("preferences").countDocuments(new Document("customerId", "C-2"))).isEqualTo(1);
        assertThat(database.getCollection("preferences").countDocuments(new Document("customerId", "C-1"))).isZero();
        var again = as("consent").erase("C-1").stores();
        assertThat(again).containsEntry("sample.preferences", ErasureReport.Store.deleted(0))
                .containsEntry("sample.outcomes", ErasureReport.Store.anonymised(0))
                .containsEntry("sample.decisions", kept);
    }

    @Test
    void aCallerWithoutTheErasureRoleIsRefusedAndNothingIsErased() {
        database.getCollection("preferences").insertOne(new Document("customerId", "C-3"));

        assertThatThrownBy(() -> as("decisioning").erase("C-3")).isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
            assertThat(problem.status()).isEqualTo(403);
            assertThat(problem.detail()).contains("Caller 'decisioning'", "lacks the role");
        });
        assertThat(database.getCollection("preferences").countDocuments(new Document("customerId", "C-3"))).isEqualTo(1);
    }
}
