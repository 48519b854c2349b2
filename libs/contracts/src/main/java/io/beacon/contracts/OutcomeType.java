package io.beacon.contracts;

import java.util.Locale;

/**
 * The steps of an offer's life, each published on {@link Topics#OFFERS} as CloudEvent type {@code beacon.offer.<name>}.
 * DEFERRED: a send moved to a later time (quiet hours), reason QUIET_HOURS_DEFERRED, the new time in {@code sendAt}.
 * BOUNCED and COMPLAINED follow a SENT email: the receiving system returned it (reason EMAIL_HARD_BOUNCE or
 * EMAIL_SOFT_BOUNCE_LIMIT), or the recipient marked it as spam (a feedback report); ADR 0034.
 */
public enum OutcomeType {
    TRIGGERED, SUPPRESSED, HELD_OUT, REVIEW_REQUESTED, APPROVED, REJECTED, EXPIRED, DEFERRED,
    SENT, DELIVERED, FAILED, OPENED, CLICKED, CONVERTED, OPTED_OUT, BOUNCED, COMPLAINED;

    public String cloudEventType() {
        return "beacon.offer." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
