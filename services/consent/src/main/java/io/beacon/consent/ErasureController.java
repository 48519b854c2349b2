package io.beacon.consent;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ErasureReport;
import io.beacon.contracts.api.consent.SuppressedTokens;
import io.beacon.contracts.api.consent.SuppressionCheck;
import io.beacon.contracts.api.consent.SuppressionsApi;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/customers/{id}/erasure} (GDPR Art. 17): 200 with the report when every service erased its part (and
 * kept what the law requires under the customer's pseudonym, ADR 0033), also for a customer erased before; 502 with the
 * partial report when one could not be reached (call again: it completes); 404 for a customer Beacon does not know,
 * with nothing changed. Each call leaves an audit line.
 */
@RestController
class ErasureController implements SuppressionsApi {

    private static final Logger audit = LoggerFactory.getLogger("io.beacon.consent.audit");

    static final URI UNKNOWN_CUSTOMER = URI.create("https://beacon.example/problems/unknown-customer");

    private final CustomerErasure erasure;

    ErasureController(CustomerErasure erasure) {
        this.erasure = erasure;
    }

    /**
     * Which of these contact points (by their blind index, as profiles gives them) belonged to an erased person. In the
     * body, not the URL: access logs keep URLs.
     */
    @Override
    public SuppressedTokens check(SuppressionCheck check) {
        if (check == null || check.tokens() == null) {
            throw new ApiProblem.Invalid(null, "tokens: required, a list of suppression tokens",
                    java.util.List.of(new ApiProblem.FieldError("/tokens", "required, a list of suppression tokens")));
        }
        return new SuppressedTokens(check.tokens().stream().filter(erasure::suppressed).toList());
    }

    @Override
    public ResponseEntity<ErasureReport> erase(String customerId) {
        var report = erasure.erase(customerId);
        if (report.isEmpty()) {
            audit.warn("erasure refused: no customer {} in Beacon (no profile, no consent record); nothing changed", customerId);
            throw new ApiProblem.NotFound(UNKNOWN_CUSTOMER, "No customer " + customerId + " in Beacon: no profile and no consent record; nothing was changed");
        }
        audit.info("erasure of customer {} {}", customerId, report.get().complete() ? "complete" : "incomplete, unreachable: " + report.get().failures());
        return ResponseEntity.status(report.get().complete() ? HttpStatus.OK : HttpStatus.BAD_GATEWAY).body(report(report.get()));
    }

    /** The report as the API gives it; each service's part is what that service's erasure endpoint answered. */
    private static ErasureReport report(CustomerErasure.Report report) {
        return new ErasureReport(report.customerId(), report.erasedAt(), report.suppressionTokensKept(),
                report.services(),
                report.failures());
    }
}
