package io.beacon.suite;

import io.beacon.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the pipeline's topics from where they ended when it was made, in a thread of its own, and hands every record
 * to a {@link LoadRun}: a plain consumer with assigned partitions, no group, nothing committed.
 */
final class RunFollower implements AutoCloseable {

    /** The topics a run is followed on. */
    static final List<String> TOPICS = List.of(Topics.BANK_EVENTS_REJECTED, Topics.EVENTS_ACCEPTED, Topics.EVENTS_PROFILED,
            Topics.JOURNEYS_TRIGGERED, Topics.OFFERS);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean closed;

    /** Takes the topics' end offsets now (before the run publishes anything), then follows them until closed. */
    RunFollower(String bootstrap, LoadRun run) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "beacon-load-" + run.id());
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        var partitions = new ArrayList<TopicPartition>();
        for (String topic : TOPICS) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist: is the suite running (./beacon up)?");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end offsets now, not at the first poll
        thread = new Thread(() -> follow(run), "load-run-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(LoadRun run) {
        try {
            while (!closed) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    run.record(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(), record.value());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
