package io.beacon.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic read as a table: from its beginning by a consumer of no group (every instance reads all of it,
 * nothing is committed), up to its end before the constructor returns (at most 30 s), then followed on a daemon thread.
 * Each record goes to {@code apply} with its key; a tombstone with a null value. A record {@code apply} throws on is
 * logged and skipped: one bad fact must not stop the table.
 */
public final class CompactedTopic implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopic.class);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final BiConsumer<String, byte[]> apply;
    private final Thread follower;
    private volatile boolean running = true;

    public CompactedTopic(String bootstrap, String topic, String clientId, BiConsumer<String, byte[]> apply) {
        this.topic = topic;
        this.apply = apply;
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p)) && System.nanoTime() < deadline) {
            poll();
        }
        this.follower = Thread.ofPlatform().daemon().name(clientId).start(this::follow);
    }

    private void follow() {
        try {
            while (running) {
                poll();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("stopped following {}: its changes are not seen until a restart", topic, e);
        } finally {
            consumer.close();
        }
    }

    private void poll() {
        for (var record : consumer.poll(Duration.ofSeconds(1))) {
            try {
                apply.accept(record.key(), record.value());
            } catch (RuntimeException e) {
                log.warn("{} record at offset {} ignored: {}", topic, record.offset(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
