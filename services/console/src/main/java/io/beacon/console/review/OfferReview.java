package io.beacon.console.review;

import java.time.Duration;
import java.time.Instant;

/**
 * An offer waiting for (or past) a relationship manager's review: one per journey instance that asked for one.
 *
 * @param id                  the journey instance's key: a retried review request finds the same review
 * @param relationshipManager the RM whose book the customer is in (from the profile, when the review was asked for)
 * @param dueAt               when the journey's review SLA passes and the offer expires; the same deadline covers the
 *                            checker's step (ADR 0028)
 * @param secondApproval      the catalogue flags the offer (decisioning's {@code secondApproval}): after the RM approves,
 *                            a checker must approve too, and the offer is never approved in bulk
 * @param check               the checker's step, once the journey asked for it; null before (and for an offer without
 *                            second approval)
 * @param keptUntil           for a review kept after the customer's erasure (under their pseudonym, without its free
 *                            text, ADR 0033), when it is deleted; null otherwise
 */
public record OfferReview(
        String id,
        String customerId,
        String productCode,
        String decisionId,
        String journey,
        String trigger,
        String sourceEventId,
        String relationshipManager,
        Instant requestedAt,
        Instant dueAt,
        Status status,
        String decidedBy,
        Instant decidedAt,
        String reason,
        String note,
        boolean secondApproval,
        Check check,
        Instant keptUntil) {

    /** Without second approval: an offer the catalogue does not flag. */
    public OfferReview(String id, String customerId, String productCode, String decisionId, String journey, String trigger,
                       String sourceEventId, String relationshipManager, Instant requestedAt, Instant dueAt, Status status,
                       String decidedBy, Instant decidedAt, String reason, String note) {
        this(id, customerId, productCode, decisionId, journey, trigger, sourceEventId, relationshipManager, requestedAt, dueAt,
                status, decidedBy, decidedAt, reason, note, false, null, null);
    }

    /**
     * The checker's step after the RM approved (the maker): waiting (PENDING), decided, or ended by the journey.
     *
     * @param requestedAt when the journey asked for the check ({@code request-offer-check})
     * @param by          the checker, never the RM who approved ("journey" when the journey ended it)
     */
    public record Check(Status status, Instant requestedAt, String by, Instant at, String reason) {
    }

    public enum Status {
        PENDING, APPROVED, REJECTED, EXPIRED, WITHDRAWN
    }

    /** Waiting for the checker now. */
    public boolean awaitingCheck() {
        return check != null && check.status() == Status.PENDING;
    }

    public boolean expiredAt(Instant now) {
        return status == Status.EXPIRED || (status == Status.PENDING && !now.isBefore(dueAt));
    }

    /** What is left of the SLA, for the queue ("3 h 20 min"); negative once it has passed. */
    public Duration left(Instant now) {
        return Duration.between(now, dueAt);
    }
}
