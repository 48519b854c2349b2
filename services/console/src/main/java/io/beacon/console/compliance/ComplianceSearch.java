package io.beacon.console.compliance;

import io.beacon.console.access.AuditLog;
import io.beacon.console.review.OfferReview;
import io.beacon.console.review.OfferReviews;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentHistoryEntry;
import io.beacon.contracts.api.decisioning.DecisionRecord;
import io.beacon.contracts.api.decisioning.DecisionSearch;
import io.beacon.contracts.api.decisioning.DecisionsApi;
import io.beacon.contracts.api.decisioning.SuitabilityEvidence;
import io.beacon.platform.Pseudonyms;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compliance asks why: decisions with their reason codes and evidence, suitability checks (decisioning), review
 * decisions (this console), consent changes (consent) and what people did in the console (the audit), by customer,
 * offer and time. One row shape for the page and the CSV export.
 *
 * <p>A customer erased since is searched under their pseudonym too (ADR 0033): the bank asks by the customer id it
 * keeps in its own records, the console computes the pseudonym with the bank's key, and what the law kept after the
 * erasure comes back, each row saying until when it is kept.
 */
public class ComplianceSearch {

    static final int LIMIT = 500;

    /** What compliance searches by; any may be null, but not all. */
    public record Query(String customerId, String productCode, Instant from, Instant to) {
        public boolean empty() {
            return customerId == null && productCode == null && from == null;
        }

        Query forCustomer(String id) {
            return new Query(id, productCode, from, to);
        }
    }

    /**
     * One row: a decision, a suitability check, a review, a consent change or a console act.
     *
     * @param customerId the customer, or their pseudonym for a record kept after their erasure
     * @param what       the outcome (TRIGGERED, APPROVED, sms marketing withdrawn, ...)
     * @param why        reason codes, a reviewer's reason, a source
     * @param evidence   rules fired and versions for a decision, inputs for a suitability check; empty for the others
     * @param keptUntil  for a record kept after the customer's erasure, when it is deleted; null otherwise
     */
    public record Row(Instant at, String kind, String customerId, String productCode, String what, String why, String who,
                      String evidence, Instant keptUntil) {
    }

    private final DecisionsApi decisions;
    private final ConsentApi consent;
    private final OfferReviews reviews;
    private final AuditLog audit;
    private final Pseudonyms pseudonyms;

    public ComplianceSearch(DecisionsApi decisions, ConsentApi consent, OfferReviews reviews, AuditLog audit, Pseudonyms pseudonyms) {
        this.decisions = decisions;
        this.consent = consent;
        this.reviews = reviews;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
    }

    public List<Row> search(Query query) {
        var rows = new ArrayList<Row>();
        collect(query, rows);
        if (query.customerId() != null && !query.customerId().startsWith(Pseudonyms.PREFIX)) {
            collect(query.forCustomer(pseudonyms.of(query.customerId())), rows);
        }
        rows.sort(Comparator.comparing(Row::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return rows;
    }

    private void collect(Query query, List<Row> rows) {
        DecisionSearch found = decisions(query);
        for (DecisionRecord d : found.decisions()) {
            Instant at = d.at();
            if (!inRange(query, at) || (query.productCode() != null && !query.productCode().equals(d.productCode()))) {
                continue;
            }
            rows.add(new Row(at, "decision", d.customerId(), d.productCode(), String.valueOf(d.outcome()), String.valueOf(d.reasonCodes()),
                    "decisioning " + d.id(),
                    "rules fired " + d.rulesFired() + "; rules " + d.rulesVersion() + ", catalogue " + d.catalogueVersion(), d.keptUntil()));
        }
        for (SuitabilityEvidence e : found.evidence() == null ? List.<SuitabilityEvidence>of() : found.evidence()) {
            if (!inRange(query, e.at()) || (query.productCode() != null && !query.productCode().equals(e.productCode()))) {
                continue;
            }
            rows.add(new Row(e.at(), "suitability", e.customerId(), e.productCode(), e.result(), String.valueOf(e.reasons()),
                    "decisioning " + e.id(), "checked " + e.check() + " with " + e.inputs() + (e.decidedIn() == null ? "" : " in decision " + e.decidedIn())
                    + "; rules fired " + e.rulesFired() + "; rules " + e.rulesVersion(), e.keptUntil()));
        }
        for (OfferReview r : reviews.decided(query.customerId(), query.productCode(), query.from(), query.to(), LIMIT)) {
            rows.add(new Row(r.decidedAt(), "review", r.customerId(), r.productCode(), r.status().name(),
                    r.keptUntil() != null ? FREE_TEXT_REMOVED
                            : r.reason() == null ? (r.note() == null ? "" : "approved with a personal note") : r.reason(), r.decidedBy(),
                    "decision " + r.decisionId(), r.keptUntil()));
        }
        // the checker's decision on a flagged offer (ADR 0028): a review row of its own, by the checker
        for (OfferReview r : reviews.checked(query.customerId(), query.productCode(), query.from(), query.to(), LIMIT)) {
            rows.add(new Row(r.check().at(), "review", r.customerId(), r.productCode(), "CHECK_" + r.check().status().name(),
                    r.keptUntil() != null ? FREE_TEXT_REMOVED
                            : r.check().reason() == null ? "second approval after " + r.decidedBy() : r.check().reason(), r.check().by(),
                    "decision " + r.decisionId(), r.keptUntil()));
        }
        if (query.productCode() == null) {
            List<ConsentHistoryEntry> changes = query.customerId() != null
                    ? history(query.customerId())
                    : consent.changes((query.from() == null ? Instant.EPOCH : query.from()).toString(),
                    query.to() == null ? null : query.to().toString(), LIMIT);
            for (ConsentHistoryEntry c : changes) {
                Instant at = c.at();
                if (!inRange(query, at)) {
                    continue;
                }
                rows.add(new Row(at, "consent", c.customerId(), null,
                        c.channel() + " " + c.purpose() + " " + (c.granted() ? "granted" : "withdrawn"),
                        "legal basis " + c.legalBasis(), String.valueOf(c.source()), "", c.keptUntil()));
            }
            for (AuditLog.Entry e : audit.search(query.from(), query.to(), query.customerId(), LIMIT)) {
                rows.add(new Row(e.at(), "console", e.customerId(), null, e.action() + " " + e.result(),
                        e.detail() == null ? "" : e.detail(), e.actor(), e.target(), null));
            }
        }
    }

    /** What a kept review says where its free text was: erasure removed it, as it may name the customer. */
    static final String FREE_TEXT_REMOVED = "free text removed at erasure";

    /** Decisioning's search: by customer, product and time; from the epoch when only a product is given. */
    private DecisionSearch decisions(Query query) {
        String from = query.from() == null ? (query.customerId() == null ? Instant.EPOCH.toString() : null) : query.from().toString();
        try {
            return decisions.decisions(query.customerId(), query.productCode(), from, query.to() == null ? null : query.to().toString(), LIMIT);
        } catch (ApiProblem.NotFound e) {
            return new DecisionSearch(List.of(), List.of());
        }
    }

    private List<ConsentHistoryEntry> history(String customerId) {
        try {
            return consent.history(customerId);
        } catch (ApiProblem.NotFound e) {
            return List.of();
        }
    }

    private static boolean inRange(Query query, Instant at) {
        return at == null || ((query.from() == null || !at.isBefore(query.from())) && (query.to() == null || at.isBefore(query.to())));
    }

}
