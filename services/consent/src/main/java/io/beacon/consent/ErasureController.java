package io.beacon.consent;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/customers/{id}/erasure} (GDPR Art. 17): 200 with the report when every service erased its part; 502
 * with the partial report when one could not be reached (call again: it completes); 404 for a customer Beacon does not
 * know, with nothing changed. Each call leaves an audit line.
 */
@RestController
class ErasureController {

    private static final Logger audit = LoggerFactory.getLogger("io.beacon.consent.audit");

    private final CustomerErasure erasure;

    ErasureController(CustomerErasure erasure) {
        this.erasure = erasure;
    }

    record SuppressionCheck(java.util.List<String> tokens) {
    }

    /**
     * Which of these contact points (by their blind index, as profiles gives them) belonged to an erased person. In the
     * body, not the URL: access logs keep URLs.
     */
    @PostMapping("/api/suppressions/check")
    ResponseEntity<?> suppressed(@org.springframework.web.bind.annotation.RequestBody SuppressionCheck check) {
        if (check == null || check.tokens() == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "tokens: required, a list of suppression tokens");
            return ResponseEntity.badRequest().body(problem);
        }
        return ResponseEntity.ok(java.util.Map.of("suppressed", check.tokens().stream().filter(erasure::suppressed).toList()));
    }

    @PostMapping("/api/customers/{customerId}/erasure")
    ResponseEntity<?> erase(@PathVariable String customerId) {
        var report = erasure.erase(customerId);
        if (report.isEmpty()) {
            audit.warn("erasure refused: no customer {} in Beacon (no profile, no consent record); nothing changed", customerId);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No customer " + customerId + " in Beacon: no profile and no consent record; nothing was changed");
            problem.setType(URI.create("https://beacon.example/problems/unknown-customer"));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        audit.info("erasure of customer {} {}", customerId, report.get().complete() ? "complete" : "incomplete, unreachable: " + report.get().failures());
        return ResponseEntity.status(report.get().complete() ? HttpStatus.OK : HttpStatus.BAD_GATEWAY).body(report.get());
    }
}
