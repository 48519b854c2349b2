package io.beacon.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An accepted bank event with the customer's profile right after it was applied, published on
 * {@link Topics#EVENTS_PROFILED}: decisions read the profile at the moment of decision, in event order.
 */
public record ProfiledEvent(String eventId, String eventSource, String eventType, JsonNode data, ProfileSnapshot profile) {
}
