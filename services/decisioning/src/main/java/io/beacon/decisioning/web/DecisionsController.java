package io.beacon.decisioning.web;

import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.mongo.DecisionRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Why was this customer offered this product? Decision records and suitability evidence, for the console and compliance. */
@RestController
public class DecisionsController {

    private final DecisionRecords records;
    private final Decisioning decisioning;

    public DecisionsController(DecisionRecords records, Decisioning decisioning) {
        this.records = records;
        this.decisioning = decisioning;
    }

    @GetMapping("/api/decisions/{id}")
    ResponseEntity<Document> decision(@PathVariable String id) {
        return records.decision(id).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    static final int MAX_SEARCH = 1000;

    /**
     * One customer's decisions (oldest first) and suitability evidence; with productCode, from or to (ISO 8601
     * instants), a search, newest first, at most {@code limit} (default 200, up to 1000): by customer, product, time.
     */
    @GetMapping("/api/decisions")
    ResponseEntity<?> search(@RequestParam(required = false) String customerId, @RequestParam(required = false) String productCode,
                             @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(defaultValue = "200") int limit) {
        var errors = new java.util.ArrayList<Map<String, String>>();
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (blank(customerId) && fromInstant == null && errors.isEmpty()) {
            errors.add(Map.of("field", "customerId", "message", "give a customerId or a time range (from, optionally to)"));
        }
        if (limit < 1 || limit > MAX_SEARCH) {
            errors.add(Map.of("field", "limit", "message", "must be between 1 and " + MAX_SEARCH));
        }
        if (!errors.isEmpty()) {
            return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Map.of("title", "Bad search", "status", 400, "errors", errors));
        }
        String customer = blank(customerId) ? null : customerId;
        if (customer != null && blank(productCode) && fromInstant == null && toInstant == null) {
            return ResponseEntity.ok(Map.of("decisions", records.decisionsOf(customer), "evidence", records.evidenceOf(customer)));
        }
        List<Document> found = records.search(customer, blank(productCode) ? null : productCode, fromInstant, toInstant, limit);
        return ResponseEntity.ok(Map.of("decisions", found, "evidence", customer == null ? List.of() : records.evidenceOf(customer)));
    }

    private static Instant instant(String name, String value, List<Map<String, String>> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(Map.of("field", name, "message", "'" + value + "' is not an ISO 8601 instant such as 2026-11-01T00:00:00Z"));
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @GetMapping("/api/rules/version")
    Map<String, String> rulesVersion() {
        return Map.of("rulesVersion", decisioning.ruleBase().version());
    }
}
