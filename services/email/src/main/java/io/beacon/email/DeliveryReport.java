package io.beacon.email;

import java.util.Locale;
import java.util.Set;

/**
 * What a report mail says about one email Beacon sent (ADR 0034): it came back (a delivery status notification, RFC
 * 3464) or its recipient marked it as spam (a feedback report, ARF, RFC 5965). Both carry the original message's
 * headers, whose Message-ID names the send (it is derived from the send's idempotency key, ADR 0011).
 */
sealed interface DeliveryReport {

    /** The report's own id (its Message-ID, else a digest of it), so a report read twice is handled once. */
    String reportId();

    /** The Message-ID of the email the report is about, angle brackets included. */
    String originalMessageId();

    /**
     * A delivery status notification for one recipient.
     *
     * @param status    the RFC 3463 status code: {@code 5.x.x} permanent (a hard bounce), {@code 4.x.x} transient (soft),
     *                  {@code 2.x.x} delivered
     * @param action    failed, delayed, delivered, relayed or expanded
     * @param recipient the final recipient's address, compared with the profile's and never logged
     */
    record Bounce(String reportId, String originalMessageId, String status, String action, String recipient) implements DeliveryReport {

        boolean permanent() {
            return status.startsWith("5.");
        }

        boolean transientFailure() {
            return status.startsWith("4.");
        }
    }

    /**
     * A feedback report.
     *
     * @param feedbackType {@code abuse}, {@code fraud}, {@code other} (complaints), or {@code not-spam}, {@code virus},
     *                     {@code auth-failure} (not the recipient objecting to the email)
     */
    record Complaint(String reportId, String originalMessageId, String feedbackType) implements DeliveryReport {

        private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud", "other");

        boolean objects() {
            return COMPLAINTS.contains(feedbackType.toLowerCase(Locale.ROOT));
        }
    }
}
