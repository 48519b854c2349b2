package io.beacon.console.review;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The reviews in MongoDB ({@code reviews}). A decision is one conditional single-document update (only from PENDING,
 * only before the SLA), so two RMs, a double click or a decision racing the SLA cannot both win.
 */
public class OfferReviews {

    private final MongoCollection<Document> reviews;

    public OfferReviews(MongoDatabase database) {
        this.reviews = database.getCollection("reviews");
    }

    public void ensureIndexes() {
        reviews.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("relationshipManager"), Indexes.ascending("dueAt")));
        reviews.createIndex(Indexes.ascending("customerId"));
        reviews.createIndex(Indexes.descending("decidedAt"));
        reviews.createIndex(Indexes.compoundIndex(Indexes.ascending("checkStatus"), Indexes.ascending("dueAt")));
        reviews.createIndex(Indexes.descending("checkedAt"));
    }

    /** Stores a new review; a repeated request for the same journey instance changes nothing. */
    public void open(OfferReview review) {
        try {
            reviews.insertOne(new Document("_id", review.id())
                    .append("customerId", review.customerId())
                    .append("productCode", review.productCode())
                    .append("decisionId", review.decisionId())
                    .append("journey", review.journey())
                    .append("trigger", review.trigger())
                    .append("sourceEventId", review.sourceEventId())
                    .append("relationshipManager", review.relationshipManager())
                    .append("requestedAt", Date.from(review.requestedAt()))
                    .append("dueAt", Date.from(review.dueAt()))
                    .append("secondApproval", review.secondApproval())
                    .append("status", OfferReview.Status.PENDING.name()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    public Optional<OfferReview> find(String id) {
        return Optional.ofNullable(reviews.find(Filters.eq("_id", id)).first()).map(OfferReviews::review);
    }

    /** Pending reviews, the nearest SLA first; of one RM's book, or of every book with a null RM. */
    public List<OfferReview> pending(String relationshipManager) {
        Bson filter = Filters.eq("status", OfferReview.Status.PENDING.name());
        if (relationshipManager != null) {
            filter = Filters.and(filter, Filters.eq("relationshipManager", relationshipManager));
        }
        return list(filter, Sorts.ascending("dueAt", "_id"), 500);
    }

    public List<OfferReview> ofCustomer(String customerId) {
        return list(Filters.eq("customerId", customerId), Sorts.descending("requestedAt"), 200);
    }

    /** Decided reviews, newest first, for compliance: optionally one customer, one product, a time range. */
    public List<OfferReview> decided(String customerId, String productCode, Instant from, Instant to, int limit) {
        var filters = new ArrayList<Bson>(List.of(Filters.ne("status", OfferReview.Status.PENDING.name())));
        if (customerId != null) {
            filters.add(Filters.eq("customerId", customerId));
        }
        if (productCode != null) {
            filters.add(Filters.eq("productCode", productCode));
        }
        if (from != null) {
            filters.add(Filters.gte("decidedAt", Date.from(from)));
        }
        if (to != null) {
            filters.add(Filters.lt("decidedAt", Date.from(to)));
        }
        return list(Filters.and(filters), Sorts.descending("decidedAt"), limit);
    }

    /**
     * Records a decision if, and only if, the review is still pending and its SLA has not passed.
     *
     * @return false when someone or something decided first, or the SLA passed
     */
    public boolean decide(String id, OfferReview.Status status, String by, String reason, String note, Instant now) {
        var result = reviews.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", OfferReview.Status.PENDING.name()), Filters.gt("dueAt", Date.from(now))),
                Updates.combine(Updates.set("status", status.name()), Updates.set("decidedBy", by),
                        Updates.set("decidedAt", Date.from(now)), Updates.set("reason", reason), Updates.set("note", note)));
        return result.getModifiedCount() == 1;
    }

    /** Undoes a decision the journey never received (the engine was unreachable): the review is pending again. */
    public void reopen(String id, String by) {
        reviews.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("decidedBy", by)),
                Updates.combine(Updates.set("status", OfferReview.Status.PENDING.name()), Updates.unset("decidedBy"),
                        Updates.unset("decidedAt"), Updates.unset("reason"), Updates.unset("note")));
    }

    /**
     * The journey ended the review itself (SLA timer, opt-out): a pending review, or a pending check, can no longer be
     * decided.
     */
    public void close(String id, OfferReview.Status status, String why, Instant at) {
        reviews.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", OfferReview.Status.PENDING.name())),
                Updates.combine(Updates.set("status", status.name()), Updates.set("decidedBy", "journey"),
                        Updates.set("decidedAt", Date.from(at)), Updates.set("reason", why)));
        reviews.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("checkStatus", OfferReview.Status.PENDING.name())),
                Updates.combine(Updates.set("checkStatus", status.name()), Updates.set("checkedBy", "journey"),
                        Updates.set("checkedAt", Date.from(at)), Updates.set("checkReason", why)));
    }

    /**
     * The journey asks for the checker (ADR 0028): an approved review waits for its check now. Only from APPROVED with
     * no check yet, so a retried job changes nothing.
     *
     * @return false when the review is not an approved one without a check (already asked, or no such review)
     */
    public boolean requestCheck(String id, Instant now) {
        var result = reviews.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", OfferReview.Status.APPROVED.name()),
                        Filters.exists("checkStatus", false)),
                Updates.combine(Updates.set("checkStatus", OfferReview.Status.PENDING.name()), Updates.set("checkRequestedAt", Date.from(now))));
        return result.getModifiedCount() == 1;
    }

    /** Offers waiting for a checker, the nearest deadline first. */
    public List<OfferReview> pendingChecks() {
        return list(Filters.eq("checkStatus", OfferReview.Status.PENDING.name()), Sorts.ascending("dueAt", "_id"), 500);
    }

    /** Checks decided (or ended by the journey), newest first, for compliance: the same filters as {@link #decided}. */
    public List<OfferReview> checked(String customerId, String productCode, Instant from, Instant to, int limit) {
        var filters = new ArrayList<Bson>(List.of(Filters.exists("checkStatus"), Filters.ne("checkStatus", OfferReview.Status.PENDING.name())));
        if (customerId != null) {
            filters.add(Filters.eq("customerId", customerId));
        }
        if (productCode != null) {
            filters.add(Filters.eq("productCode", productCode));
        }
        if (from != null) {
            filters.add(Filters.gte("checkedAt", Date.from(from)));
        }
        if (to != null) {
            filters.add(Filters.lt("checkedAt", Date.from(to)));
        }
        return list(Filters.and(filters), Sorts.descending("checkedAt"), limit);
    }

    /**
     * Records the checker's decision if, and only if, the check is still pending, the SLA has not passed and the
     * checker is not the RM who approved (four eyes, enforced by the update itself as well as before it).
     *
     * @return false when someone or something decided first, the SLA passed, or the checker is the approving RM
     */
    public boolean decideCheck(String id, OfferReview.Status status, String by, String reason, Instant now) {
        var result = reviews.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("checkStatus", OfferReview.Status.PENDING.name()),
                        Filters.gt("dueAt", Date.from(now)), Filters.ne("decidedBy", by)),
                Updates.combine(Updates.set("checkStatus", status.name()), Updates.set("checkedBy", by),
                        Updates.set("checkedAt", Date.from(now)), Updates.set("checkReason", reason)));
        return result.getModifiedCount() == 1;
    }

    /** Undoes a check the journey never received: the check is pending again. */
    public void reopenCheck(String id, String by) {
        reviews.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("checkedBy", by)),
                Updates.combine(Updates.set("checkStatus", OfferReview.Status.PENDING.name()), Updates.unset("checkedBy"),
                        Updates.unset("checkedAt"), Updates.unset("checkReason")));
    }

    private List<OfferReview> list(Bson filter, Bson sort, int limit) {
        var list = new ArrayList<OfferReview>();
        reviews.find(filter).sort(sort).limit(limit).forEach(d -> list.add(review(d)));
        return list;
    }

    private static OfferReview review(Document d) {
        return new OfferReview(d.getString("_id"), d.getString("customerId"), d.getString("productCode"), d.getString("decisionId"),
                d.getString("journey"), d.getString("trigger"), d.getString("sourceEventId"), d.getString("relationshipManager"),
                instant(d, "requestedAt"), instant(d, "dueAt"), OfferReview.Status.valueOf(d.getString("status")),
                d.getString("decidedBy"), instant(d, "decidedAt"), d.getString("reason"), d.getString("note"),
                Boolean.TRUE.equals(d.getBoolean("secondApproval")), check(d), instant(d, io.beacon.platform.PersonalData.KEPT_UNTIL));
    }

    private static OfferReview.Check check(Document d) {
        String status = d.getString("checkStatus");
        return status == null ? null : new OfferReview.Check(OfferReview.Status.valueOf(status), instant(d, "checkRequestedAt"),
                d.getString("checkedBy"), instant(d, "checkedAt"), d.getString("checkReason"));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
