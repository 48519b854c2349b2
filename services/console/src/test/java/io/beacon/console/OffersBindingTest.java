package io.beacon.console;

import static io.beacon.console.OutcomeFixture.T0;
import static io.beacon.console.OutcomeFixture.triggered;
import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with application.yml, on the in-process test binder instead of Kafka: a record exactly as
 * OutcomePublisher sends it (structured CloudEvent, contentType header application/cloudevents+json) must reach
 * the consumer as the bytes that were published, not as the CloudEvent's data after framework conversion.
 * Without {@code use-native-decoding} (the binding's {@code content-type: application/octet-stream} alone) this
 * fails: the record's own contentType header wins and Spring Cloud Function unwraps the CloudEvent to its data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableTestBinder
@org.springframework.context.annotation.Import(ConsoleTestBase.EngineRecorder.class)
class OffersBindingTest {

    private static final MemoryMongo MONGO = new MemoryMongo();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("beacon.mongo.uri", MONGO::uri);
        properties.add("beacon.zeebe.enabled", () -> "false");
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @Autowired
    private InputDestination input;

    @Autowired
    private OutcomeStore store;

    @Test
    void handsTheConsumerTheStructuredCloudEventAsPublished() {
        OfferOutcome outcome = triggered("c-9", "salary-savings", T0);

        input.send(MessageBuilder.withPayload(OutcomeFixture.record(outcome))
                .setHeader("contentType", "application/cloudevents+json")
                .build(), Topics.OFFERS);

        assertThat(store.latest("c-9", 1)).singleElement()
                .satisfies(stored -> assertThat(stored.id()).isEqualTo(outcome.eventId()));
        assertThat(FunnelTotals.of(store)).containsExactly(new FunnelCount("salary-savings", "TRIGGERED", null, 1));
    }
}
