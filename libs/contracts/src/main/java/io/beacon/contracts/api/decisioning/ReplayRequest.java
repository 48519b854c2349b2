package io.beacon.contracts.api.decisioning;

import java.util.Map;

/**
 * A replay to run.
 *
 * @param rules    the whole proposed rules folder: path relative to rules/ to text
 * @param journeys trigger to journey with the proposal, when it changes journeys; null for the deployed ones
 * @param days     how far back, in days (1-30); null for 7
 * @param sample   how many changed customers to show (0-100); null for 20
 */
public record ReplayRequest(Map<String, String> rules, Map<String, String> journeys, Integer days, Integer sample) {
}
