package io.beacon.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * A validated bank event: the CloudEvent attributes Beacon uses and its data.
 *
 * @param subject the customer id
 */
public record BankEvent(String id, String source, BankEventType type, String subject, OffsetDateTime time, JsonNode data) {

    /** The de-duplication key: a CloudEvent is identified by source and id together. */
    public String dedupKey() {
        return source + " " + id;
    }
}
