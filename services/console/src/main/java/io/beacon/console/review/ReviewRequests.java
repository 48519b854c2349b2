package io.beacon.console.review;

import io.beacon.contracts.JourneyKeys;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.OutcomePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * {@code request-rm-review}: a journey asks for a relationship manager's review. Opens the review in the RM's queue
 * (the RM from the customer's profile), publishes REVIEW_REQUESTED, and lets the journey wait for the
 * {@code OfferReviewed} message or its SLA timer. The SLA is the journey's own {@code reviewSla} (P2D when unset), so
 * the queue and the timer agree on when the offer expires.
 */
public class ReviewRequests {

    static final Duration DEFAULT_SLA = Duration.ofDays(2);

    /** The outcomes that end a journey waiting for its review. */
    private static final Set<OutcomeType> ENDING = Set.of(OutcomeType.EXPIRED, OutcomeType.OPTED_OUT, OutcomeType.SUPPRESSED);

    private final OfferReviews reviews;
    private final ProfilesApi profiles;
    private final OutcomePublisher outcomes;
    private final Clock clock;

    public ReviewRequests(OfferReviews reviews, ProfilesApi profiles, OutcomePublisher outcomes, Clock clock) {
        this.reviews = reviews;
        this.profiles = profiles;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * One review per journey run: its id is the run's ({@link JourneyKeys#runId}, the trigger's event and the journey),
     * so a journey re-created on a new engine (ADR 0020) finds the review it requested before instead of opening a
     * second one, and a new engine's instance keys, which repeat the old engine's, never reach another run's review.
     * A job without its trigger's event id (a journey started by hand) is keyed by its instance.
     *
     * @param journey           the process id
     * @param journeyInstance   the process instance key
     * @param step              the task's element id
     */
    public OfferReview request(Map<String, Object> variables, String journey, String journeyInstance, String step) {
        String customerId = required(variables, "customerId");
        String productCode = required(variables, "productCode");
        Instant now = clock.instant();
        String rm = relationshipManager(customerId);
        var review = new OfferReview(reviewId(text(variables.get("sourceEventId")), journey, journeyInstance), customerId, productCode, text(variables.get("decisionId")), journey,
                text(variables.get("trigger")), text(variables.get("sourceEventId")), rm, now, now.plus(sla(variables.get("reviewSla"))),
                OfferReview.Status.PENDING, null, null, null, null, Boolean.TRUE.equals(variables.get("secondApproval")), null, null);
        reviews.open(review);
        // a retried job (or a journey re-created on a new engine) gets the deadline of the review it opened first
        review = reviews.find(review.id()).orElse(review);
        outcomes.publish(new OfferOutcome(OutcomeType.REVIEW_REQUESTED, customerId, journey, journeyInstance, step, review.trigger(),
                productCode, null, null, rm == null ? "no relationship manager on the profile: in the admins' queue" : null,
                review.sourceEventId(), review.decisionId(), now));
        return review;
    }

    /**
     * The variables the job completes with: {@code reviewDueAt}, the review's deadline, which the journey's SLA timers
     * (the RM's wait and the checker's) both fire at: the SLA is computed once, here, and covers both (ADR 0028).
     */
    public static Map<String, Object> jobResult(OfferReview review) {
        return Map.of("reviewDueAt", review.dueAt().toString());
    }

    /**
     * {@code request-offer-check}: the RM approved an offer the catalogue flags; it now waits for a checker, until the
     * same deadline. Idempotent: a retried job finds the check already asked for.
     *
     * @throws IllegalStateException when no approved review of this journey run exists (the job then fails and shows it)
     */
    public OfferReview requestCheck(Map<String, Object> variables, String journey, String journeyInstance) {
        String id = reviewId(text(variables.get("sourceEventId")), journey, journeyInstance);
        OfferReview review = reviews.find(id).or(() -> reviews.find(journeyInstance))
                .orElseThrow(() -> new IllegalStateException("no review " + id + " of journey " + journey + " to check"));
        if (!reviews.requestCheck(review.id(), clock.instant()) && !review.awaitingCheck()) {
            var now = reviews.find(review.id()).orElse(review);
            if (now.check() == null) {
                throw new IllegalStateException("review " + review.id() + " is " + now.status() + ", not approved: nothing to check");
            }
        }
        return reviews.find(review.id()).orElse(review);
    }

    /** A journey that ended while its review was pending (SLA passed, opt-out) closes the review. */
    public void outcomeArrived(OfferOutcome outcome) {
        if (outcome.journeyInstance() == null || !ENDING.contains(outcome.type())) {
            return;
        }
        var status = outcome.type() == OutcomeType.EXPIRED ? OfferReview.Status.EXPIRED : OfferReview.Status.WITHDRAWN;
        String id = reviewId(outcome.sourceEventId(), outcome.journey(), outcome.journeyInstance());
        if (reviews.find(id).isEmpty()) {
            // a review opened before reviews were keyed by the journey run
            id = outcome.journeyInstance();
        }
        reviews.close(id, status, outcome.reason() == null ? outcome.type().name() : outcome.reason().name(),
                outcome.at() == null ? clock.instant() : outcome.at());
    }

    /** The RM of the customer's profile; null when the profile names none or profiles knows no such customer. */
    private String relationshipManager(String customerId) {
        try {
            return profiles.profile(customerId).relationshipManager();
        } catch (ApiProblem.NotFound unknown) {
            return null;
        }
    }

    static String reviewId(String sourceEventId, String journey, String journeyInstance) {
        return sourceEventId == null || journey == null ? journeyInstance : JourneyKeys.runId(sourceEventId, journey);
    }

    static Duration sla(Object value) {
        if (value == null || value.toString().isBlank()) {
            return DEFAULT_SLA;
        }
        try {
            return Duration.parse(value.toString());
        } catch (DateTimeParseException e) {
            // Period-style values (P3D) parse as Duration; anything else is a modelling error the journey shows
            throw new IllegalArgumentException("reviewSla '" + value + "' is not an ISO 8601 duration such as P2D or PT8H");
        }
    }

    private static String required(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("job variable '" + name + "' is missing");
        }
        return value.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
