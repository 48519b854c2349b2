package io.beacon.contracts.api.decisioning;

import java.util.List;

/**
 * What {@code GET /api/decisions} finds.
 *
 * @param decisions the decision records: a customer's oldest first, a search's newest first
 * @param evidence  the customer's suitability evidence; empty for a search without a customer
 */
public record DecisionSearch(List<DecisionRecord> decisions, List<SuitabilityEvidence> evidence) {
}
