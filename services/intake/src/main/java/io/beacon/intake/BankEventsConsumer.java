package io.beacon.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * bank.events a consumed batch at a time, as the Kafka binder hands it over: the values as raw bytes (native decoding,
 * so that no record can fail to deserialise), and beside them each record's key and headers, which a refused record
 * keeps on bank.events.rejected. A tombstone is in the payload list as {@code KafkaNull}, not as bytes: it is a record
 * like the others, refused with its reason rather than dropped.
 */
final class BankEventsConsumer implements Consumer<Message<List<Object>>> {

    private final EventIntake intake;

    BankEventsConsumer(EventIntake intake) {
        this.intake = intake;
    }

    @Override
    public void accept(Message<List<Object>> batch) {
        intake.acceptAll(records(batch));
    }

    /** The batch's records in order: values, keys ({@code kafka_receivedMessageKey}) and headers side by side. */
    static List<ReceivedRecord> records(Message<List<Object>> batch) {
        List<Object> values = batch.getPayload();
        List<?> keys = list(batch.getHeaders(), KafkaHeaders.RECEIVED_KEY);
        List<?> converted = list(batch.getHeaders(), KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<?> natives = list(batch.getHeaders(), KafkaHeaders.NATIVE_HEADERS);
        var records = new ArrayList<ReceivedRecord>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            records.add(new ReceivedRecord(text(at(keys, i)), headers(at(converted, i), at(natives, i)),
                    value instanceof byte[] bytes ? bytes : null));
        }
        return records;
    }

    /**
     * The record's headers: mapped by the binder's header mapper (a map, values bytes unless the sender typed them), or
     * as Kafka's own when no mapper is present.
     */
    private static List<Header> headers(Object mapped, Object raw) {
        var headers = new ArrayList<Header>();
        if (mapped instanceof Map<?, ?> map) {
            map.forEach((name, value) -> headers.add(new RecordHeader(String.valueOf(name), bytes(value))));
        } else if (raw instanceof Headers kafka) {
            kafka.forEach(headers::add);
        }
        return headers;
    }

    private static byte[] bytes(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof byte[] bytes ? bytes : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object key) {
        if (key == null) {
            return null;
        }
        return key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key);
    }

    private static List<?> list(MessageHeaders headers, String name) {
        return headers.get(name) instanceof List<?> list ? list : List.of();
    }

    private static Object at(List<?> list, int index) {
        return index < list.size() ? list.get(index) : null;
    }
}
