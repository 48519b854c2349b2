package io.beacon.decisioning.web;

import io.beacon.decisioning.mongo.DecisionDocument;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.decisioning.DecisionRecord;
import io.beacon.contracts.api.decisioning.DecisionSearch;
import io.beacon.contracts.api.decisioning.DecisionsApi;
import io.beacon.decisioning.mongo.DecisionRecords;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.RestController;

/** Why was this customer offered this product? Decision records and suitability evidence, for the console and compliance. */
@RestController
public class DecisionsController implements DecisionsApi {

    private final DecisionRecords records;

    public DecisionsController(DecisionRecords records) {
        this.records = records;
    }

    @Override
    public DecisionRecord decision(String id) {
        return records.decision(id).map(DecisionDocument::record).orElseThrow(() -> new ApiProblem.NotFound("no decision " + id));
    }

    static final int MAX_SEARCH = 1000;

    /**
     * One customer's decisions (oldest first) and suitability evidence; with productCode, from or to (ISO 8601
     * instants), a search, newest first, at most {@code limit} (default 200, up to 1000): by customer, product, time.
     */
    @Override
    public DecisionSearch decisions(String customerId, String productCode, String from, String to, Integer limit) {
        var errors = new java.util.ArrayList<ApiProblem.FieldError>();
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (blank(customerId) && fromInstant == null && errors.isEmpty()) {
            errors.add(new ApiProblem.FieldError("customerId", "give a customerId or a time range (from, optionally to)"));
        }
        int max = limit == null ? 200 : limit;
        if (max < 1 || max > MAX_SEARCH) {
            errors.add(new ApiProblem.FieldError("limit", "must be between 1 and " + MAX_SEARCH));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem.Invalid(400, null, "Bad search",
                    String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
        }
        String customer = blank(customerId) ? null : customerId;
        if (customer != null && blank(productCode) && fromInstant == null && toInstant == null) {
            return new DecisionSearch(records.decisionsOf(customer).stream().map(DecisionDocument::record).toList(),
                    records.evidenceOf(customer).stream().map(DecisionDocument::evidence).toList());
        }
        var found = records.search(customer, blank(productCode) ? null : productCode, fromInstant, toInstant, max);
        return new DecisionSearch(found.stream().map(DecisionDocument::record).toList(),
                customer == null ? List.of() : records.evidenceOf(customer).stream().map(DecisionDocument::evidence).toList());
    }

    private static Instant instant(String name, String value, List<ApiProblem.FieldError> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(new ApiProblem.FieldError(name, "'" + value + "' is not an ISO 8601 instant such as 2026-11-01T00:00:00Z"));
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
