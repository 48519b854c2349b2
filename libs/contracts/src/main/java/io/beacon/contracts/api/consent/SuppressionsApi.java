package io.beacon.contracts.api.consent;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.PostExchange;

/** The erasure of a customer (GDPR Art. 17), which the consent service runs, and the contact points it leaves suppressed. */
public interface SuppressionsApi {

    /**
     * Which of these contact points (by their blind index, as profiles gives them) belonged to an erased person. In the
     * body, not the URL: access logs keep URLs. 400 naming {@code /tokens} without a list.
     */
    @PostExchange("/api/suppressions/check")
    SuppressedTokens check(@RequestBody SuppressionCheck check);

    /**
     * Erases the customer everywhere, keeping what the law requires under their pseudonym (ADR 0033): 200 with the report
     * when every service erased its part, also for a customer erased before (nothing changes then); 502 with the partial report
     * when one could not be reached (call again: it completes), which a typed caller receives as
     * {@link io.beacon.contracts.api.ApiProblem.Unavailable}; {@link io.beacon.contracts.api.ApiProblem.NotFound} (type
     * {@code https://beacon.example/problems/unknown-customer}) for a customer Beacon does not know, with nothing changed.
     */
    @PostExchange("/api/customers/{customerId}/erasure")
    ResponseEntity<ErasureReport> erase(@PathVariable String customerId);
}
