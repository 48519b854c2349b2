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
import io.beacon.platform.EventPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventIntakeTest {

    static final String SALARY = """
            {"specversion":"1.0","id":"evt-1","source":"/core-banking","type":"bank.transaction.posted","subject":"C1",
             "data":{"accountId":"A","amount":3000,"currency":"GBP","direction":"CREDIT","category":"SALARY","iban":"GB00SECRET"}}""";

    private MongoServer server;
    private MongoClient client;
    private final List<String> topics = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();
    private final List<Map<String, String>> headers = new ArrayList<>();
    private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EventIntake intake;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        EventPublisher publisher = mock(EventPublisher.class);
        when(publisher.publish(anyString(), anyString(), any())).thenAnswer(call -> {
            topics.add(call.getArgument(0));
            values.add(BeaconEvents.serialize(call.getArgument(2)));
            headers.add(Map.of());
            return CompletableFuture.completedFuture(null);
        });
        when(publisher.publish(any())).thenAnswer(call -> {
            ProducerRecord<String, byte[]> record = call.getArgument(0);
            topics.add(record.topic());
            values.add(record.value());
            var named = new HashMap<String, String>();
            record.headers().forEach(h -> named.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
            headers.add(named);
            records.add(record);
            return CompletableFuture.completedFuture(null);
        });
        intake = new EventIntake(new BankEventValidator(), publisher, client.getDatabase("test"), meters);
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
        var forwarded = BeaconEvents.deserialize(values.get(0));
        assertThat(forwarded.getId()).isEqualTo("evt-1");
        assertThat(forwarded.getSubject()).isEqualTo("C1");
        assertThat(BeaconEvents.dataTree(forwarded).has("iban")).as("fields no rule needs are dropped").isFalse();
    }

    @Test
    void aCustomersDeclineOfAnOfferIsForwardedWithProductAndDateOnly() {
        String declined = """
                {"specversion":"1.0","id":"evt-d1","source":"/mobile-app","type":"bank.offer.declined","subject":"C1",
                 "data":{"productCode":"EASY_SAVER","declinedAt":"2026-11-02T09:19:42Z","comment":"not now, thanks"}}""";

        assertThat(intake.accept(bytes(declined))).isEqualTo(EventIntake.Outcome.ACCEPTED);

        assertThat(topics).containsExactly(Topics.EVENTS_ACCEPTED);
        var forwarded = BeaconEvents.deserialize(values.get(0));
        assertThat(forwarded.getType()).isEqualTo("bank.offer.declined");
        assertThat(forwarded.getSubject()).isEqualTo("C1");
        var data = BeaconEvents.dataTree(forwarded);
        assertThat(data.path("productCode").asText()).isEqualTo("EASY_SAVER");
        assertThat(data.path("declinedAt").asText()).isEqualTo("2026-11-02T09:19:42Z");
        assertThat(data.has("comment")).as("free text no rule needs is dropped").isFalse();
    }

    @Test
    void replayOfTheSameSourceAndIdIsDropped() {
        intake.accept(bytes(SALARY));

        assertThat(intake.accept(bytes(SALARY))).isEqualTo(EventIntake.Outcome.DUPLICATE);
        assertThat(topics).containsExactly(Topics.EVENTS_ACCEPTED);
        assertThat(meters.counter("beacon.intake.events", "outcome", "duplicate").count()).isEqualTo(1);
    }

    @Test
    void sameIdFromAnotherSourceIsAnotherEvent() {
        intake.accept(bytes(SALARY));

        assertThat(intake.accept(bytes(SALARY.replace("/core-banking", "/cards")))).isEqualTo(EventIntake.Outcome.ACCEPTED);
    }

    @Test
    void eventLeftPendingByACrashIsForwardedAgainNotLost() {
        intake.accept(bytes(SALARY));
        var seen = client.getDatabase("test").getCollection("seen_events");
        // the key is kept as a hash of source and id, never the id itself (a bank may build ids from customer ids)
        assertThat(seen.find().first().getString("_id")).hasSize(64).doesNotContain("evt-1");
        seen.updateOne(Filters.exists("_id"), Updates.set("status", "PENDING"));

        assertThat(intake.accept(bytes(SALARY))).isEqualTo(EventIntake.Outcome.ACCEPTED);
        assertThat(topics).containsExactly(Topics.EVENTS_ACCEPTED, Topics.EVENTS_ACCEPTED);
    }

    @Test
    void poisonRecordGoesToRejectedWithItsReasonAndNothingIsForwarded() {
        assertThat(intake.accept(bytes("{\"specversion\":"))).isEqualTo(EventIntake.Outcome.REJECTED);

        assertThat(topics).containsExactly(Topics.BANK_EVENTS_REJECTED);
        assertThat(headers.get(0).get("beacon_rejection_reason")).contains("malformed JSON");
        assertThat(meters.counter("beacon.intake.events", "outcome", "rejected").count()).isEqualTo(1);
    }

    @Test
    void batchKeepsOrderOfOutcomesAndDropsARepeatWithinIt() {
        var outcomes = intake.acceptAll(received(bytes(SALARY), bytes("{oops"), bytes(SALARY), bytes(SALARY.replace("evt-1", "evt-2"))));

        assertThat(outcomes).containsExactly(EventIntake.Outcome.ACCEPTED, EventIntake.Outcome.REJECTED,
                EventIntake.Outcome.DUPLICATE, EventIntake.Outcome.ACCEPTED);
        assertThat(topics).containsExactlyInAnyOrder(Topics.BANK_EVENTS_REJECTED, Topics.EVENTS_ACCEPTED, Topics.EVENTS_ACCEPTED);
    }

    @Test
    void batchAfterAReplayForwardsOnlyTheNewEvents() {
        intake.accept(bytes(SALARY));
        topics.clear();

        var outcomes = intake.acceptAll(received(bytes(SALARY), bytes(SALARY.replace("evt-1", "evt-3"))));

        assertThat(outcomes).containsExactly(EventIntake.Outcome.DUPLICATE, EventIntake.Outcome.ACCEPTED);
        assertThat(topics).containsExactly(Topics.EVENTS_ACCEPTED);
    }

    private static List<ReceivedRecord> received(byte[]... values) {
        return java.util.Arrays.stream(values).map(ReceivedRecord::of).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
