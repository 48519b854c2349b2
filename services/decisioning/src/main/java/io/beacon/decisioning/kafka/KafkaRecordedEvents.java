package io.beacon.decisioning.kafka;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.Topics;
import io.beacon.decisioning.decision.RecordedEvents;
import io.beacon.decisioning.decision.ShadowReplay;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The events recorded on {@link Topics#EVENTS_PROFILED} since a moment, each with the profile it was decided on, read
 * by a consumer of no group from the first record at or after that moment up to the end as it was when the read began
 * (records arriving meanwhile are not waited for). One partition after another: a customer's events stay in order.
 */
public class KafkaRecordedEvents implements RecordedEvents {

    private final String bootstrap;

    public KafkaRecordedEvents(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public Read since(Instant from, Consumer<ShadowReplay.Recorded> each) {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "decisioning-shadow-replay");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        long events = 0;
        long unreadable = 0;
        Instant oldest = null;
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS_PROFILED, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            var query = new HashMap<TopicPartition, Long>();
            partitions.forEach(p -> query.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp first = start.get(partition);
                if (begin.get(partition) < end.get(partition)) {
                    consumer.assign(List.of(partition));
                    consumer.seek(partition, begin.get(partition));
                    var earliest = consumer.poll(Duration.ofSeconds(5)).records(partition);
                    if (!earliest.isEmpty()) {
                        Instant kept = Instant.ofEpochMilli(earliest.getFirst().timestamp());
                        oldest = oldest == null || kept.isBefore(oldest) ? kept : oldest;
                    }
                }
                if (first == null || first.offset() >= end.get(partition)) {
                    continue;
                }
                consumer.assign(List.of(partition));
                consumer.seek(partition, first.offset());
                long stop = end.get(partition);
                while (consumer.position(partition) < stop) {
                    for (var record : consumer.poll(Duration.ofSeconds(1)).records(partition)) {
                        if (record.offset() >= stop) {
                            break;
                        }
                        ProfiledEvent event;
                        try {
                            event = BeaconEvents.data(BeaconEvents.deserialize(record.value()), ProfiledEvent.class);
                        } catch (RuntimeException e) {
                            unreadable++; // the live consumer skips such a record too: nothing to decide
                            continue;
                        }
                        if (event.profile() == null || event.profile().customerId() == null) {
                            unreadable++;
                            continue;
                        }
                        events++;
                        each.accept(new ShadowReplay.Recorded(event, Instant.ofEpochMilli(record.timestamp())));
                    }
                }
            }
        }
        return new Read(events, unreadable, oldest);
    }
}
