package io.beacon.console;

import java.time.Instant;

/**
 * One stored outcome as the dashboard shows it: a customer id, never a contact point.
 *
 * @param sendAt  a DEFERRED send's new time, else null
 * @param group   the measurement group (TREATMENT, HOLDOUT, GLOBAL_CONTROL), null at the decision stage
 * @param variant the content variant of an experiment, else null
 * @param value   on CONVERTED, the offer's expected value, else null
 */
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
        Instant at,
        Integer journeyVersion,
        String stage,
        Instant sendAt,
        String group,
        String variant,
        Double value) {
}
