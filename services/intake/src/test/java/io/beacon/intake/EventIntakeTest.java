package io.beacon.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.support.converter.BatchMessagingMessageConverter;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.beacon.platform.LogLines;
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
    private final io.beacon.platform.ContactPointProtection protection = io.beacon.platform.TestKeys.protection();

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
        intake = new EventIntake(new BankEventValidator(), publisher, client.getDatabase("test"), meters, protection);
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
    void aCustomersNameBirthDateAndContactPointsCrossTheAcceptedTopicSealedForThatCustomer() throws Exception {
        String updated = """
                {"specversion":"1.0","id":"evt-cu","source":"/crm","type":"bank.customer.updated","subject":"C1",
                 "data":{"firstName":"Philippa","birthDate":"1988-04-12","country":"GB",
                         "contactPoints":{"phone":"+447700900123","email":"philippa@example.com","pushToken":"fcm-token-C1"}}}""";

        assertThat(intake.accept(bytes(updated))).isEqualTo(EventIntake.Outcome.ACCEPTED);

        String onTopic = new String(values.get(0), StandardCharsets.UTF_8);
        assertThat(onTopic).doesNotContain("Philippa", "1988-04-12", "+447700900123", "philippa@example.com", "fcm-token-C1")
                .contains("\"country\":\"GB\"");
        var forwarded = BeaconEvents.deserialize(values.get(0));
        assertThat(forwarded.getExtension(io.beacon.platform.ContactPointProtection.SEALED_EXTENSION)).isEqualTo("v1");
        var opened = protection.openPersonalData("C1", BeaconEvents.dataTree(forwarded));
        assertThat(opened.get("firstName").asText()).isEqualTo("Philippa");
        assertThat(opened.get("birthDate").asText()).isEqualTo("1988-04-12");
        assertThat(opened.path("contactPoints").get("phone").asText()).isEqualTo("+447700900123");
        assertThatThrownBy(() -> protection.openPersonalData("C2", BeaconEvents.dataTree(forwarded)))
                .as("sealed for C1 alone").hasMessageContaining("customer C2");
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

    @Test
    void aRecordTooLargeForKafkaIsRejectedBoundedWithItsKeyHeadersSizeDigestAndReason() throws Exception {
        byte[] value = padded(SALARY, 2 * 1024 * 1024);
        var refused = new ReceivedRecord("C1", List.of(header("ce_source", "/core-banking"), header("traceparent", "00-abc-01")), value);

        try (var lines = new LogLines(EventIntake.class)) {
            assertThat(intake.acceptAll(List.of(refused))).containsExactly(EventIntake.Outcome.REJECTED);

            assertThat(lines.lines()).singleElement().asString()
                    .contains("size=" + value.length, "sha256=" + sha256(value), "value=omitted")
                    .doesNotContain("GB00SECRET");
        }
        assertThat(topics).containsExactly(Topics.BANK_EVENTS_REJECTED);
        var rejected = records.get(0);
        assertThat(rejected.key()).isEqualTo("C1");
        assertThat(rejected.value()).as("the value is left off").isEmpty();
        assertThat(headers.get(0)).containsEntry("ce_source", "/core-banking").containsEntry("traceparent", "00-abc-01")
                .containsEntry("beacon_original_value", "omitted")
                .containsEntry("beacon_original_size", Integer.toString(value.length))
                .containsEntry("beacon_original_sha256", sha256(value))
                .containsKey("beacon_rejected_at");
        assertThat(headers.get(0).get("beacon_rejection_reason")).contains(value.length + " bytes", "at most 262144");
        assertThat(size(rejected)).as("what Kafka must carry of it").isLessThan(16 * 1024);
        assertThat(meters.counter("beacon.intake.events", "outcome", "rejected").count()).isEqualTo(1);
    }

    @Test
    void aRefusedRecordWithinTheEventLimitGoesOnAsReceivedWithItsKeyHeadersSizeAndDigest() throws Exception {
        byte[] value = bytes("{\"specversion\":");
        var refused = new ReceivedRecord("C7", List.of(header("ce_source", "/cards")), value);

        assertThat(intake.acceptAll(List.of(refused))).containsExactly(EventIntake.Outcome.REJECTED);

        assertThat(records.get(0).key()).as("the key as received, though no subject could be read").isEqualTo("C7");
        assertThat(values.get(0)).isEqualTo(value);
        assertThat(headers.get(0)).containsEntry("ce_source", "/cards").containsEntry("beacon_original_value", "as-received")
                .containsEntry("beacon_original_size", Integer.toString(value.length))
                .containsEntry("beacon_original_sha256", sha256(value));
    }

    @Test
    void theHeadersAndKeyOfARefusedRecordAreBoundedToo() {
        String longKey = "K".repeat(5_000);
        var refused = new ReceivedRecord(longKey, List.of(header("small", "kept"),
                new RecordHeader("huge", new byte[2 * 1024 * 1024]), header("after", "kept too")), bytes("{oops"));

        intake.acceptAll(List.of(refused));

        var rejected = records.get(0);
        assertThat(rejected.key()).isEqualTo("sha256:" + sha256(bytes(longKey)));
        assertThat(headers.get(0)).containsEntry("small", "kept").containsEntry("after", "kept too").doesNotContainKey("huge")
                .containsEntry("beacon_original_headers_omitted", "1");
        assertThat(size(rejected)).isLessThan(16 * 1024);
    }

    @Test
    void aTombstoneIsRejectedWithItsReasonAndLoggedNotDropped() {
        var tombstone = new ReceivedRecord("C1", List.of(header("ce_source", "/core-banking")), null);

        try (var lines = new LogLines(EventIntake.class)) {
            assertThat(intake.acceptAll(List.of(tombstone, ReceivedRecord.of(bytes(SALARY)))))
                    .containsExactly(EventIntake.Outcome.REJECTED, EventIntake.Outcome.ACCEPTED);

            assertThat(lines.lines()).singleElement().asString().contains("key=C1", "tombstone");
        }
        assertThat(topics).containsExactlyInAnyOrder(Topics.BANK_EVENTS_REJECTED, Topics.EVENTS_ACCEPTED);
        int at = topics.indexOf(Topics.BANK_EVENTS_REJECTED);
        assertThat(records.get(at).key()).isEqualTo("C1");
        assertThat(values.get(at)).as("a rejected record is never itself a tombstone").isNotNull().isEmpty();
        assertThat(headers.get(at)).containsEntry("ce_source", "/core-banking").containsEntry("beacon_original_value", "tombstone")
                .doesNotContainKeys("beacon_original_size", "beacon_original_sha256");
        assertThat(headers.get(at).get("beacon_rejection_reason")).contains("tombstone");
        assertThat(meters.counter("beacon.intake.events", "outcome", "rejected").count()).isEqualTo(1);
    }

    @Test
    void aBatchAsTheKafkaBinderHandsItOverKeepsKeysAndHeadersAndRefusesItsTombstone() {
        var withHeader = new ConsumerRecord<byte[], byte[]>(Topics.BANK_EVENTS, 0, 11, bytes("C2"), null);
        withHeader.headers().add(header("ce_source", "/core-banking"));
        var batch = List.<ConsumerRecord<?, ?>>of(
                new ConsumerRecord<>(Topics.BANK_EVENTS, 0, 10, bytes("C1"), bytes(SALARY)),
                withHeader,
                new ConsumerRecord<>(Topics.BANK_EVENTS, 0, 12, bytes("C3"), padded(SALARY, 1024 * 1024)));
        // the converter the binder's batch listener uses (spring-integration-kafka's adapter in batch mode)
        @SuppressWarnings("unchecked")
        var message = (Message<List<Object>>) new BatchMessagingMessageConverter(new MessagingMessageConverter())
                .toMessage(batch, null, null, null);

        new BankEventsConsumer(intake).accept(message);

        assertThat(topics).containsExactlyInAnyOrder(Topics.EVENTS_ACCEPTED, Topics.BANK_EVENTS_REJECTED, Topics.BANK_EVENTS_REJECTED);
        var refused = records.stream().filter(r -> r.topic().equals(Topics.BANK_EVENTS_REJECTED)).toList();
        assertThat(refused).extracting(ProducerRecord::key).containsExactly("C2", "C3");
        assertThat(new String(refused.get(0).headers().lastHeader("ce_source").value(), StandardCharsets.UTF_8)).isEqualTo("/core-banking");
        assertThat(new String(refused.get(0).headers().lastHeader("beacon_original_value").value(), StandardCharsets.UTF_8)).isEqualTo("tombstone");
        assertThat(new String(refused.get(1).headers().lastHeader("beacon_original_value").value(), StandardCharsets.UTF_8)).isEqualTo("omitted");
    }

    /** The JSON followed by spaces up to the size: still one valid CloudEvent, only too large. */
    private static byte[] padded(String json, int size) {
        byte[] padded = new byte[size];
        java.util.Arrays.fill(padded, (byte) ' ');
        byte[] start = bytes(json);
        System.arraycopy(start, 0, padded, 0, start.length);
        return padded;
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, bytes(value));
    }

    /** Key, value and headers: roughly what the record weighs against Kafka's record limit. */
    private static int size(ProducerRecord<String, byte[]> record) {
        int size = bytes(record.key()).length + record.value().length;
        for (var header : record.headers()) {
            size += bytes(header.key()).length + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    private static String sha256(byte[] bytes) throws RuntimeException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ReceivedRecord> received(byte[]... values) {
        return java.util.Arrays.stream(values).map(ReceivedRecord::of).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
