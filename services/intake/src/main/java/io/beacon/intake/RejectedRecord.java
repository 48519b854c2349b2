package io.beacon.intake;

import io.beacon.contracts.BankEventValidator;
import io.beacon.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * What intake publishes on bank.events.rejected for a refused record (ADR 0019). The refused value goes on as received
 * when it is no larger than the largest event the contract accepts; a larger one (up to what the broker let through,
 * or a 1 MiB HTTP body) would not fit a Kafka record beside its headers, so it is described instead: its size and
 * SHA-256, enough for the sender to find it among what it sent. The refused record's key and headers go with it, both
 * bounded, and Beacon's headers come last, the reason bounded too: a rejected record is never larger than about a third
 * of Kafka's 1 MiB record limit, whatever was refused, so recording a refusal cannot fail on that limit.
 */
final class RejectedRecord {

    /** The largest refused value carried as received: the largest event the contract accepts. */
    static final int MAX_VALUE_BYTES = BankEventValidator.MAX_EVENT_BYTES;
    /** The most bytes (names and values) of the refused record's own headers carried; the rest are counted. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** The longest key carried as received; a longer one becomes {@code sha256:<hex>} of it. */
    static final int MAX_KEY_BYTES = 1024;
    /** The longest reason carried whole (thousands of violations of one large event); a longer one is cut, saying so. */
    static final int MAX_REASON_CHARS = 8 * 1024;

    static final String REASON = "beacon_rejection_reason";
    static final String REJECTED_AT = "beacon_rejected_at";
    /** {@link ValueForm}: what the rejected record's value is. */
    static final String VALUE = "beacon_original_value";
    static final String SIZE = "beacon_original_size";
    static final String SHA256 = "beacon_original_sha256";
    static final String HEADERS_OMITTED = "beacon_original_headers_omitted";

    /** What became of the refused value. */
    enum ValueForm {
        /** the rejected record's value is the refused value, byte for byte */
        AS_RECEIVED("as-received"),
        /** the refused value was larger than {@link #MAX_VALUE_BYTES}: the rejected record's value is empty */
        OMITTED("omitted"),
        /** the refused record had no value; the rejected record's value is empty */
        TOMBSTONE("tombstone");

        final String header;

        ValueForm(String header) {
            this.header = header;
        }
    }

    private RejectedRecord() {
    }

    /**
     * @param subject the CloudEvent subject when it could be read, the key when the record had none
     * @param reason each offending field and what is wrong with it, never a value
     */
    static ProducerRecord<String, byte[]> of(ReceivedRecord refused, String subject, String reason, Instant at) {
        String key = key(refused.key() != null ? refused.key() : subject != null ? subject : "unknown");
        ValueForm form = form(refused);
        var record = new ProducerRecord<String, byte[]>(Topics.BANK_EVENTS_REJECTED, null, key,
                form == ValueForm.AS_RECEIVED ? refused.value() : new byte[0]);
        int headerBytes = 0;
        int omitted = 0;
        for (Header header : refused.headers()) {
            int size = header.key().getBytes(StandardCharsets.UTF_8).length + (header.value() == null ? 0 : header.value().length);
            if (headerBytes + size > MAX_HEADER_BYTES) {
                omitted++;
                continue;
            }
            headerBytes += size;
            record.headers().add(header);
        }
        add(record, REASON, reason.length() <= MAX_REASON_CHARS ? reason
                : reason.substring(0, MAX_REASON_CHARS) + " ... (cut: " + reason.length() + " characters in all)");
        add(record, REJECTED_AT, at.toString());
        add(record, VALUE, form.header);
        if (form != ValueForm.TOMBSTONE) {
            add(record, SIZE, Integer.toString(refused.value().length));
            add(record, SHA256, Sha256.hex(refused.value()));
        }
        if (omitted > 0) {
            add(record, HEADERS_OMITTED, Integer.toString(omitted));
        }
        return record;
    }

    static ValueForm form(ReceivedRecord refused) {
        if (refused.tombstone()) {
            return ValueForm.TOMBSTONE;
        }
        return refused.value().length > MAX_VALUE_BYTES ? ValueForm.OMITTED : ValueForm.AS_RECEIVED;
    }

    private static String key(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= MAX_KEY_BYTES ? key : "sha256:" + Sha256.hex(bytes);
    }

    private static void add(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
