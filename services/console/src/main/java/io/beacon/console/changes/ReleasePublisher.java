package io.beacon.console.changes;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.LiveRelease;
import io.beacon.contracts.Topics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the live release on {@link Topics#RELEASES} ({@link Kafka}: a producer of its own, because a release holds every rules,
 * journey and content file (hundreds of kilobytes of text): compressed (zstd, about a tenth on the wire) and allowed up
 * to 16 MiB before compression, where the shared publisher keeps Kafka's 1 MiB.
 */
public interface ReleasePublisher {

    /** Waits until the broker has it (at most 30 s); throws when it does not take it. */
    void publish(LiveRelease release);

    /** The Kafka producer of releases. */
    final class Kafka implements ReleasePublisher, AutoCloseable {

        private final String bootstrap;
        private KafkaProducer<String, byte[]> producer;

        public Kafka(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        /** Made at the first release, not at start: a console that publishes none never connects for it. */
        private synchronized KafkaProducer<String, byte[]> producer() {
            if (producer == null) {
                producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                    ProducerConfig.CLIENT_ID_CONFIG, "console-releases"), new StringSerializer(), new ByteArraySerializer());
            }
            return producer;
        }

        @Override
        public void publish(LiveRelease release) {
            var event = BeaconEvents.build("release-" + release.number(), "/beacon/console", LiveRelease.TYPE, LiveRelease.KEY, release);
            try {
                producer().send(new ProducerRecord<>(Topics.RELEASES, LiveRelease.KEY, BeaconEvents.serialize(event))).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing release " + release.number(), e);
            } catch (Exception e) {
                throw new IllegalStateException(e.getCause() == null ? e.toString() : e.getCause().toString(), e);
            }
        }

        @Override
        public synchronized void close() {
            if (producer != null) {
                producer.close();
            }
        }
    }
}
