package io.beacon.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.journeys.JourneysApi;
import io.beacon.contracts.api.journeys.JourneysCheckRequest;
import io.beacon.contracts.api.journeys.JourneysState;
import io.beacon.platform.ServiceApiTesting;
import io.beacon.platform.ServiceClients;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link JourneysApi}: the journeys controller in a real Spring Boot service over HTTP, its deployment and engine stood
 * in for, called through the typed client as the console calls it.
 */
@SpringBootTest(classes = JourneysApiContractTest.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=journeys", "beacon.mongo.database=journeys", "beacon.zeebe.enabled=false"})
class JourneysApiContractTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();
    static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");

    // not a @SpringBootConfiguration: the service's own application (its integration tests) must not find it by scanning
    @EnableAutoConfiguration
    static class Service {

        @Bean
        JourneyDeployment journeyDeployment() {
            return Mockito.mock(JourneyDeployment.class);
        }

        @Bean
        EngineRecovery engineRecovery() {
            return Mockito.mock(EngineRecovery.class);
        }

        @Bean
        JourneysController journeysController(JourneyDeployment deployment, EngineRecovery engine) {
            return new JourneysController(deployment, new RunningInstances(null, false), engine, new JourneyRules(JourneyRules.BEACON_JOB_TYPES));
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
    JourneyDeployment deployment;

    @Autowired
    EngineRecovery engine;

    private JourneysApi api() {
        return new ServiceClients("console", ServiceApiTesting.developmentPassword("console")).api(JourneysApi.class, URI.create("http://127.0.0.1:" + port));
    }

    @Test
    void theDeployedJourneysTheEngineAndWhyTheRunningCountsAreUnknown() {
        Mockito.when(deployment.state()).thenReturn(new JourneyDeployment.State("workflows", List.of(
                new JourneyDeployment.Deployed("first-salary", 3, "first-salary.bpmn", "attract", List.of("SalaryCredited"), 0.1)), AT,
                new JourneyDeployment.Refusal(AT.minusSeconds(60), List.of("broken.bpmn: not a journey")), true));
        Mockito.when(engine.state()).thenReturn(new EngineRecovery.State(2, EngineRecovery.Health.CURRENT, AT, null,
                new EngineRecovery.Recovery(2, AT.minusSeconds(120), List.of("first-salary"), AT.minusSeconds(119))));

        JourneysState state = api().journeys();

        assertThat(state.directory()).isEqualTo("workflows");
        assertThat(state.watching()).isTrue();
        assertThat(state.deployedAt()).isEqualTo(AT);
        assertThat(state.deployed()).containsExactly(new JourneysState.Deployed("first-salary", 3, "first-salary.bpmn", "attract",
                List.of("SalaryCredited"), 0.1));
        assertThat(state.lastRefused().problems()).containsExactly("broken.bpmn: not a journey");
        assertThat(state.engine()).isEqualTo(new JourneysState.Engine(2, "CURRENT", AT, null,
                new JourneysState.Recovery(2, AT.minusSeconds(120), List.of("first-salary"), AT.minusSeconds(119))));
        assertThat(state.running().counts()).isEmpty();
        assertThat(state.running().unknown()).contains("no search API");
    }

    @Test
    void whileTheEngineIsRecoveredNothingIsKnownToBeDeployed() {
        Mockito.when(deployment.state()).thenReturn(new JourneyDeployment.State("workflows", List.of(
                new JourneyDeployment.Deployed("first-salary", 3, "first-salary.bpmn", "attract", List.of("SalaryCredited"), null)), AT, null, true));
        Mockito.when(engine.state()).thenReturn(new EngineRecovery.State(3, EngineRecovery.Health.RECOVERING, null, "a new engine", null));

        JourneysState state = api().journeys();

        assertThat(state.deployed()).isEmpty();
        assertThat(state.engine().status()).isEqualTo("RECOVERING");
        assertThat(state.engine().problem()).isEqualTo("a new engine");
    }

    @Test
    void aProposedFolderIsCheckedWithoutDeploying() throws Exception {
        String salary = Files.readString(Path.of("../../workflows/first-salary.bpmn"));

        var check = api().check(new JourneysCheckRequest(Map.of("first-salary.bpmn", salary, "notes.txt", "not a journey")));

        assertThat(check.journeys()).singleElement().satisfies(journey -> {
            assertThat(journey.journey()).isEqualTo("first-salary");
            assertThat(journey.file()).isEqualTo("first-salary.bpmn");
            assertThat(journey.stage()).isEqualTo("attract");
            assertThat(journey.triggers()).containsExactly("SalaryCredited");
        });
        assertThat(check.problems()).containsExactly("notes.txt: only .bpmn files directly in workflows/ are journeys");
        Mockito.verify(deployment, Mockito.never()).deploy();
    }

    @Test
    void aCheckWithoutFilesNamesTheField() {
        assertThatThrownBy(() -> api().check(new JourneysCheckRequest(null))).isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.title()).isEqualTo("Invalid journeys check");
            assertThat(problem.errors()).extracting(ApiProblem.FieldError::field).containsExactly("/files");
        });
    }
}
