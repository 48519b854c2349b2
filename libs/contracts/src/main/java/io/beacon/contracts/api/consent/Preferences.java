package io.beacon.contracts.api.consent;

import java.util.Map;

/**
 * The customer's choices as the app's preferences page shows them.
 *
 * @param marketing channel ({@code sms}, {@code push}, {@code email}) to whether marketing on it is allowed now
 * @param profiling false when the customer refused profiling (or objected to marketing altogether)
 */
public record Preferences(String customerId, Map<String, Boolean> marketing, boolean profiling) {
}
