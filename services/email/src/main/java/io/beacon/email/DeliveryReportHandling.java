package io.beacon.email;

import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentChangeRequest;
import io.beacon.delivery.Channel;
import io.beacon.delivery.DeliveryDeferredException;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.ProfilesClient;
import io.beacon.delivery.Receipts;
import io.beacon.email.ReportJournal.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a delivery report (ADR 0034), wherever it came from: matches it to the send by the original Message-ID, then
 * <ul>
 * <li>a hard bounce (5.x.x): the address is undeliverable from now on (by its blind index), BOUNCED with
 * EMAIL_HARD_BOUNCE;</li>
 * <li>a soft bounce (4.x.x): sent again, same message and Message-ID, up to {@code maxSoftBounces} times, then BOUNCED
 * with EMAIL_SOFT_BOUNCE_LIMIT (this message given up, the address not marked);</li>
 * <li>a complaint (ARF abuse, fraud, other): email marketing withdrawn at the consent service with source
 * {@value #COMPLAINT_SOURCE} (its withdrawal ends the customer's journeys as any opt-out does), COMPLAINED.</li>
 * </ul>
 * Every report leaves an audit line and a record in {@link ReportJournal}; one already handled is not handled again. A
 * step that cannot be done now (consent, profiles, the relay or Kafka down) throws, and the report stays where it
 * came from to be handled again: every step is idempotent.
 */
class DeliveryReportHandling {

    static final String COMPLAINT_SOURCE = "/email/complaint";

    private static final Logger log = LoggerFactory.getLogger(DeliveryReportHandling.class);
    private static final Logger audit = LoggerFactory.getLogger("io.beacon.email.audit");

    private final SentEmails sent;
    private final UndeliverableAddresses undeliverable;
    private final ReportJournal journal;
    private final DeliveryLedger ledger;
    private final ProfilesClient profiles;
    private final ConsentApi consent;
    private final Receipts receipts;
    private final EmailDelivery delivery;
    private final int maxSoftBounces;
    private final Clock clock;

    DeliveryReportHandling(SentEmails sent, UndeliverableAddresses undeliverable, ReportJournal journal, DeliveryLedger ledger,
                           ProfilesClient profiles, ConsentApi consent, Receipts receipts, EmailDelivery delivery, int maxSoftBounces,
                           Clock clock) {
        this.sent = sent;
        this.undeliverable = undeliverable;
        this.journal = journal;
        this.ledger = ledger;
        this.profiles = profiles;
        this.consent = consent;
        this.receipts = receipts;
        this.delivery = delivery;
        this.maxSoftBounces = maxSoftBounces;
        this.clock = clock;
    }

    /** @param via {@code imap} or {@code webhook}, for the audit record */
    Outcome handle(DeliveryReport report, String via) {
        Optional<Outcome> before = journal.handled(report.reportId());
        if (before.isPresent()) {
            log.info("delivery report {} via {} was handled before ({}); nothing done again", report.reportId(), via, before.get());
            return before.get();
        }
        Optional<String> key = sent.keyOf(report.originalMessageId());
        if (key.isEmpty()) {
            audit.warn("delivery report {} via {} is about {}, which Beacon did not send; nothing changed", report.reportId(), via,
                    report.originalMessageId());
            journal.record(report.reportId(), via, Outcome.UNKNOWN_MESSAGE, null, "no email send carries " + report.originalMessageId(), clock.instant());
            return Outcome.UNKNOWN_MESSAGE;
        }
        DeliveryRequest send = ledger.request(key.get()).orElseThrow();
        Instant now = clock.instant();
        String detail;
        Outcome outcome;
        switch (report) {
            case DeliveryReport.Bounce bounce when bounce.permanent() -> {
                detail = "status " + bounce.status() + "; " + markUndeliverable(send.customerId(), bounce, now);
                sent.markBounced(key.get(), "hard", now);
                receipts.record(key.get(), OutcomeType.BOUNCED, null, null, ReasonCode.EMAIL_HARD_BOUNCE, "status " + bounce.status());
                outcome = Outcome.HARD_BOUNCE;
            }
            case DeliveryReport.Bounce bounce when bounce.transientFailure() -> {
                int bounces = sent.softBounce(key.get(), report.reportId());
                if (bounces > maxSoftBounces) {
                    sent.markBounced(key.get(), "soft-limit", now);
                    receipts.record(key.get(), OutcomeType.BOUNCED, null, null, ReasonCode.EMAIL_SOFT_BOUNCE_LIMIT,
                            "status " + bounce.status() + ", soft bounce " + bounces + " of at most " + maxSoftBounces + " resends");
                    detail = "soft bounce " + bounces + " (" + bounce.status() + "): past " + maxSoftBounces + " resends, given up for this message";
                    outcome = Outcome.SOFT_BOUNCE_LIMIT;
                } else {
                    Optional<String> notResent = delivery.resend(key.get());
                    detail = "soft bounce " + bounces + " of at most " + maxSoftBounces + " (" + bounce.status() + "): "
                            + notResent.map(why -> "not sent again, " + why).orElse("sent again");
                    outcome = notResent.isEmpty() ? Outcome.SOFT_BOUNCE_RESENT : Outcome.SOFT_BOUNCE_NOT_RESENT;
                }
            }
            case DeliveryReport.Bounce bounce -> {
                detail = "status " + bounce.status() + " (" + bounce.action() + ") is not a failure";
                outcome = Outcome.NOT_A_FAILURE;
            }
            case DeliveryReport.Complaint complaint when complaint.objects() -> {
                withdrawEmailMarketing(send.customerId(), complaint);
                sent.markComplained(key.get(), now);
                receipts.record(key.get(), OutcomeType.COMPLAINED, null, null, null, "feedback report: " + complaint.feedbackType());
                detail = "feedback type " + complaint.feedbackType() + ": email marketing withdrawn";
                outcome = Outcome.COMPLAINT;
            }
            case DeliveryReport.Complaint complaint -> {
                detail = "feedback type " + complaint.feedbackType() + " is not a complaint about the email";
                outcome = Outcome.NOT_A_COMPLAINT;
            }
        }
        audit.info("delivery report {} via {} on send {} of customer {}: {}, {}", report.reportId(), via, key.get(), send.customerId(), outcome, detail);
        journal.record(report.reportId(), via, outcome, key.get(), detail, now);
        return outcome;
    }

    /** A report that cannot be read: recorded, and kept by the caller (the mailbox's folder, the raw text for a webhook). */
    void unreadable(String reportId, String via, String why, byte[] raw) {
        audit.warn("delivery report {} via {} cannot be read: {}; nothing changed, the report is kept", reportId, via, why);
        journal.record(reportId, via, Outcome.UNREADABLE, null, why, raw, clock.instant());
    }

    /** The address is marked undeliverable by the blind index of the profile's address, when it is still the one that bounced. */
    private String markUndeliverable(String customerId, DeliveryReport.Bounce bounce, Instant now) {
        var recipient = profiles.recipient(customerId, Channel.EMAIL);
        if (recipient.isEmpty() || recipient.get().contactPoint() == null) {
            return "the customer has no email address on file any more: nothing to mark";
        }
        if (bounce.recipient() != null && !bounce.recipient().equalsIgnoreCase(recipient.get().contactPoint())) {
            return "the customer's address changed since the send: the new one is not marked";
        }
        if (recipient.get().contactToken() == null) {
            log.warn("profiles gave no blind index for the email address of customer {}: the hard bounce cannot mark it undeliverable", customerId);
            return "no blind index for the address: not marked";
        }
        undeliverable.mark(recipient.get().contactToken(), bounce.status(), bounce.reportId(), now);
        return "address marked undeliverable";
    }

    private void withdrawEmailMarketing(String customerId, DeliveryReport.Complaint complaint) {
        try {
            consent.change(customerId, new ConsentChangeRequest("email", "marketing", "WITHDRAWN", null, COMPLAINT_SOURCE, null,
                    "the recipient marked a marketing email as spam (feedback report " + complaint.reportId() + ")"));
        } catch (ApiProblem e) {
            throw new DeliveryDeferredException("complaint " + complaint.reportId() + " of customer " + customerId
                    + " not recorded, consent unavailable: " + e.getMessage(), e);
        }
    }
}
