package io.beacon.console;

import static io.beacon.console.OutcomeFixture.T0;
import static io.beacon.console.OutcomeFixture.outcome;
import static io.beacon.console.OutcomeFixture.record;
import static io.beacon.console.OutcomeFixture.suppressed;
import static io.beacon.console.OutcomeFixture.triggered;
import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.console.OffersConsumer.Projection;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class OffersConsumerTest {

    private MemoryMongo mongo;
    private OutcomeStore store;
    private SimpleMeterRegistry meters;
    private OffersConsumer consumer;

    @BeforeEach
    void start() {
        mongo = new MemoryMongo();
        store = new OutcomeStore(mongo.database());
        store.ensureIndexes();
        meters = new SimpleMeterRegistry();
        consumer = new OffersConsumer(store, meters);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void countsARedeliveredOutcomeOnce() {
        byte[] record = record(triggered("c-1", "salary-savings", T0));

        assertThat(consumer.project(record, null)).isEqualTo(Projection.STORED);
        assertThat(consumer.project(record, null)).isEqualTo(Projection.DUPLICATE);

        assertThat(FunnelTotals.of(store)).containsExactly(new FunnelCount("salary-savings", "TRIGGERED", null, 1));
        assertThat(mongo.database().getCollection(OutcomeStore.OUTCOMES).countDocuments()).isEqualTo(1);
        assertThat(counted("stored")).isEqualTo(1);
        assertThat(counted("duplicate")).isEqualTo(1);
    }

    @Test
    void keysTheStoredOutcomeByCloudEventIdAndKeepsOnlyTheMinimisedFields() {
        OfferOutcome outcome = suppressed("c-2", "salary-savings", ReasonCode.NO_CONSENT, T0);

        consumer.project(record(outcome), null);

        Document stored = mongo.database().getCollection(OutcomeStore.OUTCOMES).find().first();
        assertThat(stored.getString("_id")).isEqualTo(outcome.eventId());
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "type", "customerId", "journey", "step",
                "productCode", "channel", "reason", "trigger", "at", "decisionId", "journeyInstance", "counted");
        assertThat(stored.getString("reason")).isEqualTo("NO_CONSENT");
        assertThat(stored.getDate("at").toInstant()).isEqualTo(T0);
    }

    @Test
    void keepsTheMeasurementGroupContentVariantAndValueOfAnOutcome() {
        OfferOutcome converted = outcome(io.beacon.contracts.OutcomeType.CONVERTED, "c-5", "salary-savings", null, T0)
                .measured(io.beacon.contracts.MeasurementGroup.GLOBAL_CONTROL, "B", 120.5);

        consumer.project(record(converted), null);

        Document stored = mongo.database().getCollection(OutcomeStore.OUTCOMES).find().first();
        assertThat(stored.getString("group")).isEqualTo("GLOBAL_CONTROL");
        assertThat(stored.getString("variant")).isEqualTo("B");
        assertThat(stored.getDouble("value")).isEqualTo(120.5);
        assertThat(stored.getString("decisionId")).isEqualTo("dec-c-5");
        var view = store.latest("c-5", 1).getFirst();
        assertThat(view.group() + " " + view.variant() + " " + view.value()).isEqualTo("GLOBAL_CONTROL B 120.5");
    }

    @Test
    void countsTheFunnelPerJourneyTypeAndReason() {
        consumer.project(record(triggered("c-1", "salary-savings", T0)), null);
        consumer.project(record(triggered("c-2", "salary-savings", T0)), null);
        consumer.project(record(suppressed("c-1", "salary-savings", ReasonCode.NO_CONSENT, T0)), null);
        consumer.project(record(suppressed("c-2", "salary-savings", ReasonCode.FREQUENCY_CAP, T0)), null);
        consumer.project(record(triggered("c-3", "travel-card", T0)), null);
        consumer.project(record(suppressed("c-4", null, ReasonCode.NO_PROFILE, T0)), null);

        assertThat(FunnelTotals.of(store)).containsExactly(
                new FunnelCount(null, "SUPPRESSED", "NO_PROFILE", 1),
                new FunnelCount("salary-savings", "SUPPRESSED", "FREQUENCY_CAP", 1),
                new FunnelCount("salary-savings", "SUPPRESSED", "NO_CONSENT", 1),
                new FunnelCount("salary-savings", "TRIGGERED", null, 2),
                new FunnelCount("travel-card", "TRIGGERED", null, 1));
    }

    @Test
    void everyOneOfManyOutcomesWithTheSameReasonIsCounted() {
        for (int i = 0; i < 40; i++) {
            consumer.project(record(triggered("c-" + i, "salary-savings", T0)), null);
            consumer.project(record(suppressed("c-" + i, "salary-savings", i % 2 == 0 ? ReasonCode.NO_CONSENT : ReasonCode.ALREADY_HOLDS, T0)), null);
        }

        assertThat(FunnelTotals.of(store)).containsExactly(
                new FunnelCount("salary-savings", "SUPPRESSED", "ALREADY_HOLDS", 20),
                new FunnelCount("salary-savings", "SUPPRESSED", "NO_CONSENT", 20),
                new FunnelCount("salary-savings", "TRIGGERED", null, 40));
    }

    @Test
    void countsAndSkipsRecordsThatAreNotOfferOutcomeCloudEvents() {
        var notJson = "not a cloud event".getBytes(StandardCharsets.UTF_8);
        var notACloudEvent = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
        var wrongData = BeaconEvents.serialize(BeaconEvents.build("e-1", "/bank/core", "beacon.offer.sent", "c-1",
                java.util.Map.of("type", "NOT_AN_OUTCOME_TYPE")));
        var noCustomer = record(triggered("", "salary-savings", T0));

        for (byte[] malformed : new byte[][] {notJson, notACloudEvent, wrongData, noCustomer, new byte[0]}) {
            assertThat(consumer.project(malformed, null)).isEqualTo(Projection.MALFORMED);
        }
        // a tombstone reaches the consumer as KafkaNull, not as bytes
        consumer.accept(tombstone());

        assertThat(counted("malformed")).isEqualTo(6);
        assertThat(FunnelTotals.of(store)).isEmpty();
        assertThat(consumer.project(record(triggered("c-1", "salary-savings", T0)), null)).isEqualTo(Projection.STORED);
    }

    @Test
    void servesACustomersTimelineNewestFirst() {
        consumer.project(record(triggered("c-1", "salary-savings", T0)), null);
        consumer.project(record(OutcomeFixture.outcome(OutcomeType.SENT, "c-1", "salary-savings", null, T0.plusSeconds(60))), null);
        consumer.project(record(OutcomeFixture.outcome(OutcomeType.DELIVERED, "c-1", "salary-savings", null, T0.plusSeconds(90))), null);
        consumer.project(record(triggered("c-2", "salary-savings", T0.plusSeconds(120))), null);

        assertThat(store.latest("c-1", 50)).extracting(OutcomeView::type).containsExactly("DELIVERED", "SENT", "TRIGGERED");
        assertThat(store.latest(null, 2)).extracting(OutcomeView::customerId).containsExactly("c-2", "c-1");
        assertThat(store.latest(null, 2).getFirst().at()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void takesTheEventTimeWhenTheOutcomeHasNone() {
        consumer.project(record(triggered("c-1", "salary-savings", null)), null);

        assertThat(store.latest("c-1", 1).getFirst().at()).isBefore(Instant.now().plusSeconds(1));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Message<byte[]> tombstone() {
        return (Message) MessageBuilder.withPayload(KafkaNull.INSTANCE).build();
    }

    private double counted(String result) {
        return meters.get(OffersConsumer.METRIC).tag("result", result).counter().count();
    }
}
