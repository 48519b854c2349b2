package io.beacon.decisioning;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.JourneyDeployed;
import io.beacon.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Which journey each trigger starts, with its version and lifecycle stage: the journeys service's
 * {@link Topics#JOURNEYS_CATALOGUE} (compacted, latest record per journey), read from its beginning by a consumer of
 * no group at start and followed from then on. Decisioning labels the outcomes it publishes (TRIGGERED, and SUPPRESSED
 * at the decision) with the journey the trigger starts, so a journey's funnel starts at its own triggered count.
 *
 * <p>Healthy once a journey is known: before that, a decision would publish outcomes no funnel can place.
 */
public class JourneyCatalogue implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JourneyCatalogue.class);

    /** What an outcome is labelled with. */
    public record Label(String journey, int version, String stage) {
    }

    private final Map<String, JourneyDeployed> byJourney = new ConcurrentHashMap<>();
    private volatile Map<String, Label> byTrigger = Map.of();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread follower;
    private volatile boolean running = true;

    /** A catalogue known in advance (tests, tools): nothing is followed. */
    public static JourneyCatalogue of(List<JourneyDeployed> journeys) {
        var catalogue = new JourneyCatalogue();
        journeys.forEach(catalogue::apply);
        return catalogue;
    }

    private JourneyCatalogue() {
        this.consumer = null;
        this.follower = null;
    }

    /** Reads the catalogue as it stands (up to 30 s), then follows it on a daemon thread. */
    public JourneyCatalogue(String bootstrap) {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "decisioning-journey-catalogue");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOURNEYS_CATALOGUE, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p)) && System.nanoTime() < deadline) {
            poll();
        }
        log.info("journey catalogue read: {}", byTrigger);
        this.follower = Thread.ofPlatform().daemon().name("journey-catalogue").start(this::follow);
    }

    /** The journey a trigger starts, if a deployed one does. */
    public Optional<Label> startedBy(String trigger) {
        return Optional.ofNullable(byTrigger.get(trigger));
    }

    void apply(JourneyDeployed deployed) {
        JourneyDeployed known = byJourney.get(deployed.journey());
        if (known != null && known.version() > deployed.version() && known.deployedAt().isAfter(deployed.deployedAt())) {
            return; // an older announcement read after a newer one
        }
        byJourney.put(deployed.journey(), deployed);
        var triggers = new ConcurrentHashMap<String, Label>();
        byJourney.values().forEach(j -> j.triggers().forEach(t -> triggers.put(t, new Label(j.journey(), j.version(), j.stage()))));
        byTrigger = Map.copyOf(triggers);
    }

    private void follow() {
        try {
            while (running) {
                poll();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("the journey catalogue stopped following {}: new journeys are not known until a restart", Topics.JOURNEYS_CATALOGUE, e);
        } finally {
            consumer.close();
        }
    }

    private void poll() {
        for (var record : consumer.poll(Duration.ofSeconds(1))) {
            if (record.value() == null) {
                continue;
            }
            try {
                apply(BeaconEvents.data(BeaconEvents.deserialize(record.value()), JourneyDeployed.class));
            } catch (RuntimeException e) {
                log.warn("journey catalogue record at offset {} ignored: {}", record.offset(), e.toString());
            }
        }
    }

    @Override
    public Health health() {
        Map<String, Label> known = byTrigger;
        return known.isEmpty()
                ? Health.down().withDetail("journeys", "none known yet: the journeys service announces them on " + Topics.JOURNEYS_CATALOGUE).build()
                : Health.up().withDetail("triggers", known.size()).build();
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }
}
