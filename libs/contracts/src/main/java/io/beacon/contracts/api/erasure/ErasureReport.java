package io.beacon.contracts.api.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one service erased of a customer, and what it keeps because the law requires it.
 *
 * @param service the service
 * @param stores  per store ({@code database.collection}) what was done
 */
public record ErasureReport(String service, Map<String, Store> stores) {

    /**
     * What was done in one store.
     *
     * @param action     {@code deleted}; {@code anonymised} (kept without the customer, for aggregate statistics); or
     *                   {@code kept} (kept under the customer's pseudonym because a law requires the record, until
     *                   {@code keptUntil}, then deleted by the retention job)
     * @param documents  how many documents were deleted or anonymised by this call; for {@code kept}, how many are kept
     *                   under the pseudonym now (a second erasure reports the same number)
     * @param legalBasis why a kept store is kept; null for the others
     * @param keptUntil  the latest date a kept document is deleted by; null for the others, or when none is kept
     * @param removed    the fields removed from kept documents because they could identify the person; empty for the others
     */
    public record Store(String action, long documents, String legalBasis, Instant keptUntil, List<String> removed) {

        public static Store deleted(long documents) {
            return new Store("deleted", documents, null, null, List.of());
        }

        public static Store anonymised(long documents) {
            return new Store("anonymised", documents, null, null, List.of());
        }
    }
}
