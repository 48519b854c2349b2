package io.beacon.console.review;

import java.time.Duration;
import java.time.Instant;

/**
 * An offer waiting for (or past) a relationship manager's review: one per journey instance that asked for one.
 *
 * @param id                  the journey instance's key: a retried review request finds the same review
 * @param relationshipManager the RM whose book the customer is in (from the profile, when the review was asked for)
 * @param dueAt               when the journey's review SLA passes and the offer expires
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
        String note) {

    public enum Status {
        PENDING, APPROVED, REJECTED, EXPIRED, WITHDRAWN
    }

    public boolean expiredAt(Instant now) {
        return status == Status.EXPIRED || (status == Status.PENDING && !now.isBefore(dueAt));
    }

    /** What is left of the SLA, for the queue ("3 h 20 min"); negative once it has passed. */
    public Duration left(Instant now) {
        return Duration.between(now, dueAt);
    }
}
