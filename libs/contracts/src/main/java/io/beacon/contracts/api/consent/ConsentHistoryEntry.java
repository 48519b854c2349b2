package io.beacon.contracts.api.consent;

import java.time.Instant;

/**
 * One recorded consent change.
 *
 * @param channel    sms, push, email, or all (an objection or a grant on every channel)
 * @param purpose    marketing or profiling
 * @param granted    true for a grant, false for a withdrawal
 * @param legalBasis CONSENT or SOFT_OPT_IN
 * @param source     who or what recorded it ({@code /console by rm-alice}, {@code /app/preferences}, a bank system's source)
 * @param at         when the change happened
 * @param keptUntil  for a change kept after the customer's erasure (under their pseudonym, ADR 0033), when it is
 *                   deleted; null otherwise
 */
public record ConsentHistoryEntry(String customerId, String channel, String purpose, boolean granted, String legalBasis,
                                  String source, Instant at, Instant keptUntil) {
}
