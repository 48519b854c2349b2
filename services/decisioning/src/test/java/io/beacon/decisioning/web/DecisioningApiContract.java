package io.beacon.decisioning.web;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.JourneyCatalogue;
import io.beacon.decisioning.decision.RecordedEvents;
import io.beacon.decisioning.decision.ShadowReplay;
import io.beacon.decisioning.mongo.DecisionRecords;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.platform.ServiceClients;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Decisioning's API controllers in a real Spring Boot service over HTTP, with the repository's rules, an in-memory
 * MongoDB and recorded events given by the test, called through the typed clients as the console calls them. The
 * contract tests share it (and its application context).
 */
@SpringBootTest(classes = DecisioningApiContract.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=decisioning", "beacon.mongo.database=decisioning", "beacon.zeebe.enabled=false"})
abstract class DecisioningApiContract {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();

    /** The events a replay reads, as if recorded on beacon.events.profiled. */
    static final List<ShadowReplay.Recorded> RECORDED = new java.util.concurrent.CopyOnWriteArrayList<>();

    // not a @SpringBootConfiguration: the service's own application (its integration tests) must not find it by scanning
    @EnableAutoConfiguration
    @Import({DecisionsController.class, RulesController.class, SimulationController.class, SimulationController.RequestCheck.class,
            ReplayController.class})
    static class Service {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        Decisioning decisioning() {
            return new Decisioning(RuleBase.load(Path.of("../../rules")));
        }

        @Bean
        DecisionRecords decisionRecords(com.mongodb.client.MongoDatabase database) {
            return new DecisionRecords(database);
        }

        @Bean
        RuleReloader ruleReloader(Decisioning decisioning) {
            return new RuleReloader(decisioning, Path.of("../../rules"), Duration.ofDays(1), false);
        }

        /** An audience preview needs profiles and consent: the tests say what it finds. */
        @Bean
        CampaignPreview campaignPreview() {
            return Mockito.mock(CampaignPreview.class);
        }

        @Bean
        JourneyCatalogue journeyCatalogue() {
            return io.beacon.decisioning.kafka.DecisionPipelineTest.JOURNEYS;
        }

        @Bean
        RecordedEvents recordedEvents() {
            return (from, each) -> {
                var read = new ArrayList<>(RECORDED.stream().filter(r -> !r.at().isBefore(from)).toList());
                read.forEach(each);
                return new RecordedEvents.Read(read.size(), 0, RECORDED.isEmpty() ? null : RECORDED.getFirst().at());
            };
        }
    }

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("beacon.mongo.uri", () -> MONGO_URI);
    }

    @AfterAll
    static void forgetRecorded() {
        RECORDED.clear();
    }

    @LocalServerPort
    int port;

    /** The API as the console calls it: with its account, the typed client every caller uses. */
    <T> T api(Class<T> api) {
        return new ServiceClients("console", io.beacon.platform.ServiceApiTesting.developmentPassword("console"))
                .api(api, URI.create("http://127.0.0.1:" + port));
    }
}
