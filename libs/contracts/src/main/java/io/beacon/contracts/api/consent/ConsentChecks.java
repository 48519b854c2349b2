package io.beacon.contracts.api.consent;

import java.util.Map;

/** @param results customer id to channel ({@code sms}, {@code push}, {@code email}) to the decision, for every customer asked about */
public record ConsentChecks(Map<String, Map<String, ConsentDecision>> results) {
}
