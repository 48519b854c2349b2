package io.beacon.console.review;

/** Tells the waiting journey what the RM decided (the {@code OfferReviewed} message). */
public interface ReviewMessages {

    /** Throws when the engine cannot take the message; the decision is then undone so the RM can try again. */
    void offerReviewed(OfferReview review, boolean approved, String reason, String note, String reviewedBy);
}
