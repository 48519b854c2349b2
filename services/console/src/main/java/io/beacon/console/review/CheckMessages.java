package io.beacon.console.review;

/** Tells the waiting journey what the checker decided (the {@code OfferChecked} message, ADR 0028). */
public interface CheckMessages {

    /** Throws when the engine cannot take the message; the check is then undone so the checker can try again. */
    void offerChecked(OfferReview review, boolean approved, String reason, String checkedBy);
}
