package io.beacon.console.review;

import io.beacon.console.access.AuditLog;
import io.beacon.console.access.CustomerAccess;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * An RM approves (optionally with a personal note that goes into the message) or rejects (with a reason) an offer
 * in their book. Every attempt is audited, refused ones too, and a refused attempt changes nothing.
 */
public class Reviewing {

    /** What became of an attempt to decide a review. */
    public sealed interface Result {
        String message();
    }

    public record Decided(OfferReview review, String message) implements Result {
    }

    /** The request is wrong (no reason for a rejection, a note too long, no offer picked): 400. */
    public record Invalid(String message) implements Result {
    }

    /** No such review, or not in the user's book: both look the same from outside, so ids cannot be probed (404). */
    public record NotFound(String message) implements Result {
    }

    /** The user may see the offer but not do this to it (the checker is the RM who approved it: four eyes): 403. */
    public record Forbidden(String message) implements Result {
    }

    /** Decided already, withdrawn or expired: 409. */
    public record Conflict(String message) implements Result {
    }

    /** The journey could not be told; the decision was undone: 503. */
    public record Unavailable(String message) implements Result {
    }

    public static final int MAX_NOTE = 280;
    static final int MAX_REASON = 500;

    private final OfferReviews reviews;
    private final ReviewMessages messages;
    private final CustomerAccess access;
    private final AuditLog audit;
    private final Clock clock;
    private final NoteCheck notes;

    public Reviewing(OfferReviews reviews, ReviewMessages messages, CustomerAccess access, AuditLog audit, Clock clock, NoteCheck notes) {
        this.reviews = reviews;
        this.messages = messages;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.notes = notes;
    }

    /** The review, when the user may see it. */
    public Optional<OfferReview> find(Authentication user, String id) {
        return reviews.find(id).filter(review -> access.inBook(user, review.relationshipManager()));
    }

    /** The user's queue (an admin's: every book), nearest SLA first. */
    public List<OfferReview> queue(Authentication user) {
        return reviews.pending(CustomerAccess.has(user, io.beacon.console.access.ConsoleRole.ADMIN) ? null : user.getName());
    }

    public Result approve(Authentication user, String id, String note) {
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        var problems = notes.problems(cleanNote);
        if (!problems.isEmpty()) {
            // the audit names the rules broken, never the note itself (it may hold a contact point)
            Result invalid = new Invalid(NoteCheck.describe(problems));
            audit.record(user.getName(), "approve", "review/" + id, customerOf(user, id), "INVALID",
                    "personal note refused: " + String.join(", ", problems.stream().map(NoteCheck.Problem::rule).distinct().toList()));
            return invalid;
        }
        return decide(user, id, true, null, cleanNote);
    }

    public Result reject(Authentication user, String id, String reason) {
        if (reason == null || reason.isBlank()) {
            return refused(user, "reject", id, customerOf(user, id), new Invalid("a rejection needs a reason: say why the offer does not suit the customer"));
        }
        if (reason.strip().length() > MAX_REASON) {
            return refused(user, "reject", id, customerOf(user, id), new Invalid("the reason has more than " + MAX_REASON + " characters"));
        }
        return decide(user, id, false, reason.strip(), null);
    }

    /** Approves each picked offer on its own; one that cannot be approved does not hold up the others. */
    public List<Result> approveAll(Authentication user, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of(refused(user, "bulk-approve", "-", null, new Invalid("no offer picked: tick the offers to approve")));
        }
        var results = new ArrayList<Result>();
        ids.stream().distinct().forEach(id -> {
            Optional<OfferReview> review = find(user, id);
            if (review.isPresent() && review.get().secondApproval()) {
                // a flagged offer needs the RM to open it, and a checker after them: never approved by the dozen
                results.add(refused(user, "bulk-approve", id, review.get().customerId(), new Invalid("offer " + id + " ("
                        + review.get().productCode() + " for customer " + review.get().customerId() + ") needs a second approval "
                        + "(maker-checker): open it and approve it on its own; it was not approved")));
            } else {
                results.add(decide(user, id, true, null, null));
            }
        });
        return results;
    }

    private Result decide(Authentication user, String id, boolean approve, String reason, String note) {
        String action = approve ? "approve" : "reject";
        Optional<OfferReview> found = reviews.find(id);
        if (found.isEmpty() || !access.inBook(user, found.get().relationshipManager())) {
            return refused(user, action, id, found.map(OfferReview::customerId).orElse(null),
                    new NotFound("no offer " + id + " is waiting in your queue"));
        }
        OfferReview review = found.get();
        Instant now = clock.instant();
        if (review.status() != OfferReview.Status.PENDING) {
            return refused(user, action, id, review.customerId(), new Conflict("offer " + id + " was already "
                    + review.status().name().toLowerCase() + (review.decidedBy() == null ? "" : " by " + review.decidedBy())
                    + (review.decidedAt() == null ? "" : " at " + review.decidedAt()) + "; nothing changed"));
        }
        if (review.expiredAt(now)) {
            return refused(user, action, id, review.customerId(), new Conflict("offer " + id + " expired at " + review.dueAt()
                    + " (review SLA passed); nothing changed"));
        }
        var status = approve ? OfferReview.Status.APPROVED : OfferReview.Status.REJECTED;
        if (!reviews.decide(id, status, user.getName(), reason, note, now)) {
            return refused(user, action, id, review.customerId(), new Conflict("offer " + id
                    + " was decided or expired a moment ago; nothing changed"));
        }
        try {
            messages.offerReviewed(review, approve, reason, note, user.getName());
        } catch (RuntimeException e) {
            reviews.reopen(id, user.getName());
            return refused(user, action, id, review.customerId(), new Unavailable("the journey engine did not take the decision ("
                    + e.getClass().getSimpleName() + "); the offer is waiting again: try once more"));
        }
        audit.record(user.getName(), action, "review/" + id, review.customerId(), "ACCEPTED",
                approve ? (note == null ? null : "with a personal note") : reason);
        var decided = reviews.find(id).orElse(review);
        return new Decided(decided, "offer " + review.productCode() + " for customer " + review.customerId() + " "
                + status.name().toLowerCase() + (approve && review.secondApproval() ? "; it now waits for a checker's approval" : ""));
    }

    private String customerOf(Authentication user, String id) {
        return find(user, id).map(OfferReview::customerId).orElse(null);
    }

    private Result refused(Authentication user, String action, String id, String customerId, Result result) {
        audit.record(user.getName(), action, "review/" + id, customerId, result.getClass().getSimpleName().toUpperCase(), result.message());
        return result;
    }
}
