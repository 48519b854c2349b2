package io.beacon.contracts;

/**
 * Why an offer did not go ahead, or why a delivery failed: a closed set. Every SUPPRESSED or FAILED
 * outcome carries exactly one. Documented in docs/reason-codes.md.
 */
public enum ReasonCode {
    /** No consent for this channel and the marketing purpose, and no soft opt-in. */
    NO_CONSENT,
    /** The customer opted out (or objected) while the journey ran. */
    OPTED_OUT,
    /** A frequency cap across journeys and channels is reached. */
    FREQUENCY_CAP,
    /** Sending now would fall in the customer's quiet hours; the send is deferred, not dropped. */
    QUIET_HOURS_DEFERRED,
    /** An investment's risk rating is above the customer's risk tolerance (investment regime only, ADR 0037). */
    UNSUITABLE_RISK,
    /** An investment needs a risk profile, and the customer's is missing or older than its validity. */
    RISK_PROFILE_STALE,
    /** The customer lacks the knowledge a complex product needs. */
    INSUFFICIENT_KNOWLEDGE,
    /** Deceased; or vulnerable, minor (or in arrears: complex investments) for a product whose regime excludes them. */
    VULNERABLE_CUSTOMER,
    /** In arrears: no credit and no card is offered (ADR 0037). */
    IN_ARREARS,
    /** A credit product needs a regular income on record (a salary credited in the last 62 days) to judge affordability. */
    NO_REGULAR_INCOME,
    /** Outside the product's age limits. */
    NOT_ELIGIBLE_AGE,
    /** Resident in a country where the product is not offered. */
    NOT_ELIGIBLE_RESIDENCY,
    /** Already holds the product. */
    ALREADY_HOLDS,
    /** The product was rejected or declined within the cooling-off period. */
    COOLING_OFF,
    /** A journey for this customer and offer is still running; a second one would repeat the offer. */
    JOURNEY_RUNNING,
    /** Another offer for the same event ranked higher in arbitration (propensity x value x context weight). */
    LOST_ARBITRATION,
    /** Beacon knows nothing of this customer yet. */
    NO_PROFILE,
    /** The customer has no contact point for the channel. */
    NO_CONTACT_POINT,
    /** The contact point is malformed (not E.164, an email that does not parse). */
    INVALID_CONTACT_POINT,
    /** The contact point belonged to a person who was erased: never marketed again, whoever holds it now. */
    SUPPRESSED_CONTACT_POINT,
    /** The email address bounced for good earlier (a 5.x.x delivery status): no email is sent to it again (ADR 0034). */
    EMAIL_UNDELIVERABLE,
    /** A sent email came back for good: the receiving system answered 5.x.x (a delivery status notification, ADR 0034). */
    EMAIL_HARD_BOUNCE,
    /** A sent email kept coming back for now (4.x.x) after the configured resends: given up for this message (ADR 0034). */
    EMAIL_SOFT_BOUNCE_LIMIT,
    /** The provider refused the message permanently. */
    PROVIDER_REJECTED,
    /** The provider could not be reached after all retries. */
    PROVIDER_UNAVAILABLE,
    /** The relationship manager rejected the offer. */
    RM_REJECTED,
    /** The second approver (the checker) rejected an offer the RM had approved (ADR 0028); cools off like RM_REJECTED. */
    CHECKER_REJECTED,
    /** The review SLA passed without a decision. */
    REVIEW_EXPIRED,
    /** The customer is in the journey's random holdout group. */
    HOLDOUT,
    /** The customer is in the global control group, held out of every journey (ADR 0025). */
    GLOBAL_CONTROL,
    /** The offer named by the event (a campaign's) is not in the catalogue of the rules version that decided. */
    UNKNOWN_OFFER
}
