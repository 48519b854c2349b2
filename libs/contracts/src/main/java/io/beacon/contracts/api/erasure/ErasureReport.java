package io.beacon.contracts.api.erasure;

import java.util.Map;

/**
 * What one service erased of a customer.
 *
 * @param service the service
 * @param stores  per store ({@code database.collection}) what was done
 */
public record ErasureReport(String service, Map<String, Store> stores) {

    /**
     * What was done in one store.
     *
     * @param action    {@code deleted}, or {@code anonymised} (kept without what identifies the customer)
     * @param documents how many documents
     */
    public record Store(String action, long documents) {
    }
}
