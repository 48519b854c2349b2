package io.beacon.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.Topics;
import io.beacon.platform.ConsumerHealth;
import io.beacon.testkit.LocalInfrastructure;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A burst of triggers larger than one poll could handle within the poll interval, the old way (one start at a time,
 * each waiting for the engine), through the real Kafka and Zeebe with a slowed engine: every PublishMessage answers
 * only after {@value #ENGINE_DELAY_MS} ms, and the consumer's {@code max.poll.interval.ms} is cut to 10 s. One poll of
 * the old consumer took 500 records one after another, 500 x 60 ms = 30 s on a partition: it overran the interval,
 * left the group, and looped through rebalances. The journeys service, as configured, must take the burst without a
 * rebalance and start every journey exactly once (each ends HELD_OUT: the holdout share is 1 here, so every started
 * journey records exactly one outcome of its own).
 */
class JourneyTriggerBurstIT {

    private static final int TRIGGERS = 600;
    private static final long ENGINE_DELAY_MS = 60;

    private static LocalInfrastructure infra;
    private static ConfigurableApplicationContext journeys;
    private static CamundaClient client;
    private static JobWorker suitability;
    private static final AtomicInteger delayedPublishes = new AtomicInteger();

    @BeforeAll
    static void startJourneysOnASlowedEngine() {
        infra = LocalInfrastructure.shared();
        var properties = new HashMap<String, Object>(infra.springProperties());
        properties.put("server.port", "0");
        properties.put("beacon.journeys.directory", java.nio.file.Path.of("../../workflows").toAbsolutePath().normalize().toString());
        properties.put("beacon.journeys.holdout-share", "1");
        properties.put("beacon.mongo.database", "journeys-burst-it");
        properties.put("spring.cloud.stream.kafka.binder.consumer-properties.max.poll.interval.ms", "5000");
        properties.put("beacon.kafka.lag-log-interval", "2s");
        ClientInterceptor slowed = new SlowedEngine(ENGINE_DELAY_MS);
        // as command-line arguments: over application.yml, as a deployment's environment would be
        journeys = new SpringApplicationBuilder(JourneysApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("slowedEngine", slowed))
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
        client = CamundaClient.newClientBuilder().grpcAddress(URI.create(infra.zeebeGrpc())).preferRestOverGrpc(false).build();
        suitability = client.newWorker().jobType("check-suitability")
                .handler((jobs, job) -> jobs.newCompleteCommand(job).variables(Map.of("suitability", Map.of("suitable", true, "reason", "")))
                        .send().join())
                .maxJobsActive(64).open();
    }

    @AfterAll
    static void stop() {
        if (suitability != null) {
            suitability.close();
        }
        if (client != null) {
            client.close();
        }
        if (journeys != null) {
            journeys.close();
        }
    }

    @Test
    void aBurstOfTriggersStartsEveryJourneyOnceWithoutARebalance() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var customers = new ArrayList<String>();
        try (var producer = new KafkaProducer<String, byte[]>(producerConfig())) {
            for (int i = 0; i < TRIGGERS; i++) {
                String customer = "BURST-" + run + "-" + i;
                customers.add(customer);
                var triggered = new JourneyTriggered(customer, "FirstDigitalLogin", "EASY_SAVER", "evt-" + customer, "d-" + customer,
                        "test", Instant.now());
                producer.send(new ProducerRecord<>(Topics.JOURNEYS_TRIGGERED, customer, BeaconEvents.serialize(
                        BeaconEvents.build("d-" + customer, "/beacon/decisioning", "beacon.journey.triggered", customer, triggered))));
            }
            producer.flush();
        }

        Map<String, Integer> heldOut = new ConcurrentHashMap<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(consumerConfig())) {
            consumer.subscribe(List.of(Topics.OFFERS));
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ZERO).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var outcome = BeaconEvents.data(BeaconEvents.deserialize(record.value()), OfferOutcome.class);
                    if (outcome.type() == OutcomeType.HELD_OUT && outcome.customerId().startsWith("BURST-" + run)) {
                        heldOut.merge(outcome.customerId(), 1, Integer::sum);
                    }
                }
                return heldOut.size() == TRIGGERS;
            });
            // a start sent twice would show as a second outcome a moment later
            for (int i = 0; i < 6; i++) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var outcome = BeaconEvents.data(BeaconEvents.deserialize(record.value()), OfferOutcome.class);
                    if (outcome.type() == OutcomeType.HELD_OUT && outcome.customerId().startsWith("BURST-" + run)) {
                        heldOut.merge(outcome.customerId(), 1, Integer::sum);
                    }
                }
            }
        }

        assertThat(delayedPublishes.get()).as("the engine was slowed for every start").isGreaterThanOrEqualTo(TRIGGERS);
        assertThat(heldOut.keySet()).containsExactlyInAnyOrderElementsOf(customers);
        assertThat(heldOut.values()).as("each journey started once").allMatch(count -> count == 1);
        assertThat(journeys.getBean(ConsumerHealth.class).rebalances("journeyTriggers-in-0")).as("rebalances of the trigger consumer")
                .isZero();
    }

    private static Properties producerConfig() {
        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    private static Properties consumerConfig() {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "burst-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /**
     * An engine that answers every PublishMessage {@code delayMs} late, without holding the caller: the answer is
     * handed on from a scheduler, so commands sent together still wait together, as they would on a busy engine.
     */
    static final class SlowedEngine implements ClientInterceptor {

        private final long delayMs;
        private final ScheduledExecutorService later = Executors.newScheduledThreadPool(2, r -> {
            var thread = new Thread(r, "slowed-engine");
            thread.setDaemon(true);
            return thread;
        });

        SlowedEngine(long delayMs) {
            this.delayMs = delayMs;
        }

        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            ClientCall<Q, A> call = next.newCall(method, options);
            if (!method.getFullMethodName().endsWith("/PublishMessage")) {
                return call;
            }
            return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
                @Override
                public void start(Listener<A> listener, Metadata headers) {
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onClose(io.grpc.Status status, Metadata trailers) {
                            delayedPublishes.incrementAndGet();
                            later.schedule(() -> listener.onClose(status, trailers), delayMs, TimeUnit.MILLISECONDS);
                        }
                    }, headers);
                }
            };
        }
    }
}
