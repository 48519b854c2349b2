package io.beacon.intake;

import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * One record as intake received it: key and headers as sent, and the value, null for a tombstone. Kept whole beside
 * the validated event because a refused record is recorded on bank.events.rejected with all three.
 *
 * @param key the record key (the customer id, by contract), null when there was none (an HTTP post)
 * @param headers the record headers, empty for an HTTP post (its HTTP headers are not the bank's record)
 * @param value the record value, null for a tombstone
 */
record ReceivedRecord(String key, List<Header> headers, byte[] value) {

    ReceivedRecord {
        headers = List.copyOf(headers);
    }

    /** A value with no key and no headers: what {@code POST /api/events} receives. */
    static ReceivedRecord of(byte[] value) {
        return new ReceivedRecord(null, List.of(), value);
    }

    boolean tombstone() {
        return value == null;
    }
}
