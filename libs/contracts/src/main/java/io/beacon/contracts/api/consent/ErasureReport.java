package io.beacon.contracts.api.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an erasure did.
 *
 * @param erasedAt              when the erasure ran (its objection is recorded at this time)
 * @param suppressionTokensKept the contact points kept as one-way suppression tokens
 * @param services              each service's part, as it reported it, this one's last
 * @param failures              each service that could not be reached, with why; empty when the erasure is complete
 */
public record ErasureReport(String customerId, Instant erasedAt, int suppressionTokensKept, List<ServiceErasure> services,
                            List<String> failures) {

    public boolean complete() {
        return failures == null || failures.isEmpty();
    }

    /**
     * One service's part of the erasure.
     *
     * @param stores what was done in each store ({@code beacon-profiles.profiles}), by database and collection
     */
    public record ServiceErasure(String service, Map<String, StoreErasure> stores) {
    }

    /**
     * @param action    deleted, or anonymised (the customer field cleared, the rest kept)
     * @param documents how many documents
     */
    public record StoreErasure(String action, long documents) {
    }
}
