package io.beacon.suite;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The sample's synthetic customers answering offers, so that {@code ./beacon up} shows conversions, an uplift and an
 * experiment's result rather than zeros. Follows {@code beacon.offers} and, for each offer SENT to a customer (the
 * treatment) or held out of it, lets the customer buy the product {@link #DELAY} later with a probability that depends
 * on what they got: {@link #BASE} percent buy anyway, a sent offer adds {@link #LIFT} points, and an experiment's
 * {@code goal} variant {@link #GOAL_LIFT} more. The draw is a hash of customer and decision: the same every run. A
 * purchase is an ordinary {@code bank.product.purchased} on {@code bank.events}, through intake like any other.
 * Only for the demo; the tests publish their purchases themselves.
 */
final class SampleCustomers implements AutoCloseable {

    static final int BASE = 5;
    static final int LIFT = 7;
    static final int GOAL_LIFT = 5;
    static final Duration DELAY = Duration.ofSeconds(20);

    private final KafkaConsumer<String, byte[]> consumer;
    private final BankEventProducer producer;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("sample-customers-buy").unstarted(r));
    private final Thread thread;
    private volatile boolean closed;

    SampleCustomers(String bootstrap) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "beacon-sample-customers");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        producer = new BankEventProducer(bootstrap);
        consumer.subscribe(java.util.List.of(Topics.OFFERS));
        thread = Thread.ofPlatform().daemon().name("sample-customers").start(this::follow);
    }

    /** Percent chance that the customer of this outcome buys, or 0 when the outcome asks nothing of them. */
    static int chance(OfferOutcome outcome) {
        if (outcome.journey() == null || outcome.group() == null) {
            return 0;
        }
        if (outcome.type() == OutcomeType.HELD_OUT && outcome.group().heldOut()) {
            return BASE;
        }
        if (outcome.type() == OutcomeType.SENT && outcome.group() == MeasurementGroup.TREATMENT) {
            return BASE + LIFT + (outcome.variant() != null && outcome.variant().endsWith("/goal") ? GOAL_LIFT : 0);
        }
        return 0;
    }

    /** The same answer for the same customer and decision, every run: the first byte of a name-based UUID, mod 100. */
    static boolean buys(OfferOutcome outcome) {
        int draw = Math.floorMod(UUID.nameUUIDFromBytes((outcome.customerId() + "|" + outcome.decisionId())
                .getBytes(StandardCharsets.UTF_8)).getLeastSignificantBits(), 100);
        return draw < chance(outcome);
    }

    private void follow() {
        try {
            while (!closed) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    OfferOutcome outcome;
                    try {
                        outcome = BeaconEvents.data(BeaconEvents.deserialize(record.value()), OfferOutcome.class);
                    } catch (RuntimeException e) {
                        continue;
                    }
                    if (buys(outcome)) {
                        later.schedule(() -> purchase(outcome), DELAY.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void purchase(OfferOutcome outcome) {
        producer.send(SampleEvents.event(outcome.customerId(), "sample-purchase-" + outcome.decisionId(), "/core-banking",
                "bank.product.purchased", Map.of("productCode", outcome.productCode(), "purchasedAt", Instant.now().toString())));
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        later.shutdownNow();
        producer.close();
    }
}
