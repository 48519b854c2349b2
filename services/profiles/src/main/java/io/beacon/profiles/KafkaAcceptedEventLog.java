package io.beacon.profiles;

import io.beacon.contracts.BankEventType;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Topics;
import io.beacon.profiles.tags.TagBackfill;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The accepted events as recorded on {@code beacon.events.accepted}, read from the oldest the topic still holds up
 * to its end as it was when the replay began, by a consumer of no group (it commits nothing and moves no one's offsets).
 * How far back it reaches is the topic's retention (ADR 0022).
 */
class KafkaAcceptedEventLog implements TagBackfill.AcceptedEventLog {

    private final String bootstrap;

    KafkaAcceptedEventLog(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public void replay(Consumer<TagBackfill.Replayed> sink) {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        try (var consumer = new KafkaConsumer<String, byte[]>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS_ACCEPTED, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition())) || record.value() == null) {
                        continue;
                    }
                    CloudEvent event = BeaconEvents.deserialize(record.value());
                    var type = BankEventType.of(event.getType());
                    if (type.isEmpty()) {
                        continue;
                    }
                    Instant at = event.getTime() != null ? event.getTime().toInstant() : Instant.ofEpochMilli(record.timestamp());
                    sink.accept(new TagBackfill.Replayed(event.getSubject(), event.getSource() + " " + event.getId(), type.get(),
                            BeaconEvents.dataTree(event), at));
                }
            }
        }
    }
}
