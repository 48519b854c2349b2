package io.beacon.console;

import java.time.Instant;

/** One stored outcome as the dashboard shows it: a customer id, never a contact point. */
public record OutcomeView(
        String id,
        String type,
        String customerId,
        String journey,
        String step,
        String productCode,
        String channel,
        String reason,
        String trigger,
        Instant at) {
}
