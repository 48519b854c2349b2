package io.beacon.decisioning.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Immutable decision records and suitability evidence: what was decided, on which inputs, by which rules version. */
@Component
public class DecisionRecords {

    private final MongoCollection<Document> decisions;
    private final MongoCollection<Document> evidence;

    public DecisionRecords(MongoDatabase database) {
        this.decisions = database.getCollection("decisions");
        this.evidence = database.getCollection("evidence");
    }

    /**
     * Inserts the decision records of a batch with one unordered bulk insert; a decision recorded before (a redelivered
     * event) hits its id and stays as it was: records are immutable, nothing here updates or deletes one.
     */
    public void record(List<Document> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            decisions.insertMany(batch, new com.mongodb.client.model.InsertManyOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    public void recordSuitability(String evidenceId, String customerId, String productCode, String regime, List<String> checks,
                                  Document inputs, boolean suitable, List<String> reasons, List<String> rulesFired, String rulesVersion) {
        insertOnce(evidence, new Document("_id", evidenceId)
                .append("customerId", customerId)
                .append("productCode", productCode)
                .append("check", "eligibility-and-suitability")
                .append("regime", regime)
                .append("checks", checks)
                .append("inputs", inputs)
                .append("result", suitable ? "SUITABLE" : "UNSUITABLE")
                .append("reasons", reasons)
                .append("rulesFired", rulesFired)
                .append("rulesVersion", rulesVersion)
                .append("at", Date.from(Instant.now())));
    }

    /**
     * A journey step that takes the suitability its decision already judged (ADR 0030): its evidence points to that
     * decision, whose record holds the inputs and the rules fired.
     */
    public void recordSuitabilityDecided(String evidenceId, String customerId, String productCode, String decisionId,
                                         Instant decidedAt, String rulesVersion) {
        insertOnce(evidence, new Document("_id", evidenceId)
                .append("customerId", customerId)
                .append("productCode", productCode)
                .append("check", "eligibility-and-suitability")
                .append("result", "SUITABLE")
                .append("reasons", List.of())
                .append("rulesFired", List.of())
                .append("rulesVersion", rulesVersion)
                .append("decidedIn", decisionId)
                .append("decidedAt", Date.from(decidedAt))
                .append("at", Date.from(Instant.now())));
    }

    public Optional<Document> decision(String id) {
        return Optional.ofNullable(decisions.find(Filters.eq("_id", id)).first());
    }

    /** The decision records with these ids, by id; an id without a record is missing from the map. */
    public java.util.Map<String, Document> decisions(java.util.Collection<String> ids) {
        var found = new java.util.HashMap<String, Document>();
        decisions.find(Filters.in("_id", ids)).forEach(d -> found.put(d.getString("_id"), d));
        return found;
    }

    public List<Document> decisionsOf(String customerId) {
        return decisions.find(Filters.eq("customerId", customerId)).sort(com.mongodb.client.model.Sorts.ascending("at"))
                .into(new java.util.ArrayList<>());
    }

    /**
     * Compliance's search: newest first, by any of customer, product (the winner) and time of decision.
     *
     * @param from inclusive, or null; @param to exclusive, or null
     */
    public List<Document> search(String customerId, String productCode, Instant from, Instant to, int limit) {
        var filters = new java.util.ArrayList<org.bson.conversions.Bson>();
        if (customerId != null) {
            filters.add(Filters.eq("customerId", customerId));
        }
        if (productCode != null) {
            filters.add(Filters.eq("productCode", productCode));
        }
        if (from != null) {
            filters.add(Filters.gte("at", Date.from(from)));
        }
        if (to != null) {
            filters.add(Filters.lt("at", Date.from(to)));
        }
        return decisions.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(com.mongodb.client.model.Sorts.descending("at")).limit(limit).into(new java.util.ArrayList<>());
    }

    public List<Document> evidenceOf(String customerId) {
        return evidence.find(Filters.eq("customerId", customerId)).into(new java.util.ArrayList<>());
    }

    private static boolean insertOnce(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
