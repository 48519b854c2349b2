package io.beacon.decisioning;

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
class DecisionsController {

    private final DecisionRecords records;
    private final Decisioning decisioning;

    DecisionsController(DecisionRecords records, Decisioning decisioning) {
        this.records = records;
        this.decisioning = decisioning;
    }

    @GetMapping("/api/decisions/{id}")
    ResponseEntity<Document> decision(@PathVariable String id) {
        return records.decision(id).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/api/decisions")
    Map<String, List<Document>> byCustomer(@RequestParam String customerId) {
        return Map.of("decisions", records.decisionsOf(customerId), "evidence", records.evidenceOf(customerId));
    }

    @GetMapping("/api/rules/version")
    Map<String, String> rulesVersion() {
        return Map.of("rulesVersion", decisioning.ruleBase().version());
    }
}
