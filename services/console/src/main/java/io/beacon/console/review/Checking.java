package io.beacon.console.review;

import io.beacon.console.access.AuditLog;
import io.beacon.console.access.ConsoleRole;
import io.beacon.console.access.CustomerAccess;
import io.beacon.console.review.Reviewing.Conflict;
import io.beacon.console.review.Reviewing.Decided;
import io.beacon.console.review.Reviewing.Forbidden;
import io.beacon.console.review.Reviewing.Invalid;
import io.beacon.console.review.Reviewing.NotFound;
import io.beacon.console.review.Reviewing.Result;
import io.beacon.console.review.Reviewing.Unavailable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * The checker (the second approver, ADR 0028) approves or rejects, with a reason, an offer the catalogue flags after the
 * RM (the maker) approved it. Never the RM who approved it: four eyes. The checker sees every book (checkers are not
 * tied to RMs) but only the offers waiting for a check. Every attempt is audited, refused ones too, and a refused one
 * changes nothing.
 */
public class Checking {

    private final OfferReviews reviews;
    private final CheckMessages messages;
    private final AuditLog audit;
    private final Clock clock;

    public Checking(OfferReviews reviews, CheckMessages messages, AuditLog audit, Clock clock) {
        this.reviews = reviews;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    public static boolean mayCheck(Authentication user) {
        return CustomerAccess.has(user, ConsoleRole.OFFER_CHECKER) || CustomerAccess.has(user, ConsoleRole.ADMIN);
    }

    /** The offers waiting for a checker, nearest deadline first. */
    public List<OfferReview> queue(Authentication user) {
        return mayCheck(user) ? reviews.pendingChecks() : List.of();
    }

    /** The offer, when it has (or had) a checker's step and the user is a checker. */
    public Optional<OfferReview> find(Authentication user, String id) {
        return mayCheck(user) ? reviews.find(id).filter(r -> r.check() != null) : Optional.empty();
    }

    public Result approve(Authentication user, String id) {
        return decide(user, id, true, null);
    }

    public Result reject(Authentication user, String id, String reason) {
        if (reason == null || reason.isBlank()) {
            return refused(user, "check-reject", id, customerOf(user, id),
                    new Invalid("a rejection needs a reason: say why the offer must not go to the customer"));
        }
        if (reason.strip().length() > Reviewing.MAX_REASON) {
            return refused(user, "check-reject", id, customerOf(user, id), new Invalid("the reason has more than " + Reviewing.MAX_REASON + " characters"));
        }
        return decide(user, id, false, reason.strip());
    }

    private Result decide(Authentication user, String id, boolean approve, String reason) {
        String action = approve ? "check-approve" : "check-reject";
        Optional<OfferReview> found = find(user, id);
        if (found.isEmpty()) {
            return refused(user, action, id, null, new NotFound("no offer " + id + " is waiting for a check"));
        }
        OfferReview review = found.get();
        if (user.getName().equals(review.decidedBy())) {
            return refused(user, action, id, review.customerId(), new Forbidden("you approved offer " + id + " as its relationship manager: "
                    + "a second person must check it (four eyes); nothing changed"));
        }
        Instant now = clock.instant();
        if (!review.awaitingCheck()) {
            var check = review.check();
            return refused(user, action, id, review.customerId(), new Conflict("offer " + id + " was already "
                    + check.status().name().toLowerCase() + (check.by() == null ? "" : " by " + check.by())
                    + (check.at() == null ? "" : " at " + check.at()) + "; nothing changed"));
        }
        if (!now.isBefore(review.dueAt())) {
            return refused(user, action, id, review.customerId(), new Conflict("offer " + id + " expired at " + review.dueAt()
                    + " (review SLA passed); nothing changed"));
        }
        var status = approve ? OfferReview.Status.APPROVED : OfferReview.Status.REJECTED;
        if (!reviews.decideCheck(id, status, user.getName(), reason, now)) {
            return refused(user, action, id, review.customerId(), new Conflict("offer " + id
                    + " was checked or expired a moment ago; nothing changed"));
        }
        try {
            messages.offerChecked(review, approve, reason, user.getName());
        } catch (RuntimeException e) {
            reviews.reopenCheck(id, user.getName());
            return refused(user, action, id, review.customerId(), new Unavailable("the journey engine did not take the check ("
                    + e.getClass().getSimpleName() + "); the offer is waiting again: try once more"));
        }
        audit.record(user.getName(), action, "review/" + id, review.customerId(), "ACCEPTED",
                approve ? "second approval after " + review.decidedBy() : reason);
        return new Decided(reviews.find(id).orElse(review), "offer " + review.productCode() + " for customer " + review.customerId()
                + (approve ? " approved by the checker: it goes out" : " rejected by the checker: it is not sent"));
    }

    private String customerOf(Authentication user, String id) {
        return find(user, id).map(OfferReview::customerId).orElse(null);
    }

    private Result refused(Authentication user, String action, String id, String customerId, Result result) {
        audit.record(user.getName(), action, "review/" + id, customerId, result.getClass().getSimpleName().toUpperCase(), result.message());
        return result;
    }
}
