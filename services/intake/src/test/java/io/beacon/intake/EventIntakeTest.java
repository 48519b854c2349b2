package io.beacon.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.BankEventValidator;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;

class EventIntakeTest {

    static final String SALARY = """
            {"specversion":"1.0","id":"evt-1","source":"/core-banking","type":"bank.transaction.posted","subject":"C1",
             "data":{"accountId":"A","amount":3000,"currency":"GBP","direction":"CREDIT","category":"SALARY","iban":"GB00SECRET"}}""";

    private MongoServer server;
    private MongoClient client;
    private final List<String> topics = new ArrayList<>();
    private final List<Message<?>> messages = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EventIntake intake;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        StreamBridge bridge = mock(StreamBridge.class);
        when(bridge.send(anyString(), any())).thenAnswer(call -> {
            topics.add(call.getArgument(0));
            messages.add(call.getArgument(1));
            return true;
        });
        intake = new EventIntake(new BankEventValidator(), bridge, client.getDatabase("test"), meters);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void validEventIsForwardedMinimisedAndKeyedByCustomer() {
        assertThat(intake.accept(bytes(SALARY))).isEqualTo(EventIntake.Outcome.ACCEPTED);

        assertThat(topics).containsExactly(Topics.EVENTS_ACCEPTED);
        var forwarded = BeaconEvents.deserialize((byte[]) messages.get(0).getPayload());
        assertThat(forwarded.getId()).isEqualTo("evt-1");
        assertThat(forwarded.getSubject()).isEqualTo("C1");
        assertThat(BeaconEvents.dataTree(forwarded).has("iban")).as("fields no rule needs are dropped").isFalse();
    }

    @Test
    void replayOfTheSameSourceAndIdIsDropped() {
        intake.accept(bytes(SALARY));

        assertThat(intake.accept(bytes(SALARY))).isEqualTo(EventIntake.Outcome.DUPLICATE);
        assertThat(topics).containsExactly(Topics.EVENTS_ACCEPTED);
        assertThat(meters.counter("beacon.intake.events", "outcome", "duplicate", "type", "bank.transaction.posted").count()).isEqualTo(1);
    }

    @Test
    void sameIdFromAnotherSourceIsAnotherEvent() {
        intake.accept(bytes(SALARY));

        assertThat(intake.accept(bytes(SALARY.replace("/core-banking", "/cards")))).isEqualTo(EventIntake.Outcome.ACCEPTED);
    }

    @Test
    void eventLeftPendingByACrashIsForwardedAgainNotLost() {
        intake.accept(bytes(SALARY));
        client.getDatabase("test").getCollection("seen_events")
                .updateOne(Filters.eq("_id", "/core-banking evt-1"), Updates.set("status", "PENDING"));

        assertThat(intake.accept(bytes(SALARY))).isEqualTo(EventIntake.Outcome.ACCEPTED);
        assertThat(topics).containsExactly(Topics.EVENTS_ACCEPTED, Topics.EVENTS_ACCEPTED);
    }

    @Test
    void poisonRecordGoesToRejectedWithItsReasonAndNothingIsForwarded() {
        assertThat(intake.accept(bytes("{\"specversion\":"))).isEqualTo(EventIntake.Outcome.REJECTED);

        assertThat(topics).containsExactly(Topics.BANK_EVENTS_REJECTED);
        assertThat((String) messages.get(0).getHeaders().get("beacon_rejection_reason")).contains("malformed JSON");
        assertThat(meters.counter("beacon.intake.events", "outcome", "rejected", "type", "invalid").count()).isEqualTo(1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
