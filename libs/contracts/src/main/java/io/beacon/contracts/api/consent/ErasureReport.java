package io.beacon.contracts.api.consent;

import java.time.Instant;
import java.util.List;

/**
 * What an erasure did.
 *
 * @param erasedAt              when the erasure ran (its objection is recorded at this time)
 * @param suppressionTokensKept the contact points kept as one-way suppression tokens
 * @param services              each service's part, as its erasure endpoint reported it ({@code ErasureApi}), this one's last
 * @param failures              each service that could not be reached, with why; empty when the erasure is complete
 */
public record ErasureReport(String customerId, Instant erasedAt, int suppressionTokensKept, List<io.beacon.contracts.api.erasure.ErasureReport> services,
                            List<String> failures) {

    public boolean complete() {
        return failures == null || failures.isEmpty();
    }
}
