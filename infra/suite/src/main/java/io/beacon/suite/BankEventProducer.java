package io.beacon.suite;

import io.beacon.contracts.Topics;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes bank events to bank.events as a bank system would: key = customer id, value = the CloudEvent JSON. */
public final class BankEventProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public BankEventProducer(String bootstrap) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public Future<RecordMetadata> send(SampleEvents.Event event) {
        return producer.send(new ProducerRecord<>(Topics.BANK_EVENTS, event.customerId(), event.json()));
    }

    public void sendAll(List<SampleEvents.Event> events) {
        var futures = events.stream().map(this::send).toList();
        for (var future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not publish a bank event", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
