package io.beacon.contracts.api.decisioning;

/**
 * A multiplier an arbitration rule gave an offer.
 *
 * @param candidate  the offer's key (trigger/productCode); null in a decision record, where the offer it sits in says
 * @param factor     {@code propensity} or {@code contextWeight}
 * @param multiplier what it was multiplied by
 * @param rule       the rule that gave it
 */
public record Factor(String candidate, String factor, double multiplier, String rule) {
}
