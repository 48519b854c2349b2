package io.beacon.decisioning.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.Topics;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.mongo.ContactHistory;
import io.beacon.decisioning.mongo.DecisionRecords;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.OutcomePublisher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriggerEvaluationTest {

    private MongoServer server;
    private MongoClient client;
    private final List<String> topics = new ArrayList<>();
    private TriggerEvaluation evaluation;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        EventPublisher publisher = mock(EventPublisher.class);
        when(publisher.publish(anyString(), anyString(), any())).thenAnswer(call -> {
            topics.add(call.getArgument(0));
            return CompletableFuture.completedFuture(null);
        });
        evaluation = new TriggerEvaluation(new Decisioning(RuleBase.load(Path.of("../../rules"))), new DecisionRecords(client.getDatabase("test")),
                new ContactHistory(client.getDatabase("test"), 30, java.time.Duration.ofDays(35)),
                publisher, new OutcomePublisher(publisher, "/beacon/decisioning"), DecisionPipelineTest.JOURNEYS, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void batchRecordsOneImmutableDecisionPerTriggerAndStartsItsJourneyEvenWhenRedelivered() throws Exception {
        var salary = profiled("e1", "C1");
        var card = new ProfiledEvent("e2", "/cards", "bank.transaction.posted",
                Json.mapper().readTree("{\"amount\":5,\"currency\":\"GBP\",\"direction\":\"DEBIT\",\"category\":\"CARD\",\"merchantCountry\":\"GB\"}"),
                salary.profile());

        evaluation.decideAll(List.of(salary, card, salary));

        assertThat(client.getDatabase("test").getCollection("decisions").countDocuments()).isEqualTo(1);
        // the repeat publishes again (the earlier publish may be what failed); the journey start is idempotent by event id
        assertThat(topics).containsExactly(Topics.JOURNEYS_TRIGGERED, Topics.OFFERS, Topics.JOURNEYS_TRIGGERED, Topics.OFFERS);
    }

    private static ProfiledEvent profiled(String eventId, String customerId) throws Exception {
        var profile = Json.mapper().treeToValue(Json.mapper().readTree(
                "{\"customerId\":\"" + customerId + "\",\"birthDate\":\"1985-05-05\",\"country\":\"GB\",\"salary\":{\"amount\":3000,\"currency\":\"GBP\"}}"), ProfileSnapshot.class);
        return new ProfiledEvent(eventId, "/core-banking", "bank.transaction.posted",
                Json.mapper().readTree("{\"amount\":3000,\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"SALARY\"}"), profile);
    }
}
