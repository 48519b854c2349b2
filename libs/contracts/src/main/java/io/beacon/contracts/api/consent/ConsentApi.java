package io.beacon.contracts.api.consent;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * Consent per customer, channel ({@code sms}, {@code push}, {@code email}) and purpose ({@code marketing},
 * {@code profiling}), with its history. Bad input is refused whole with {@link io.beacon.contracts.api.ApiProblem.Invalid}
 * (problem type {@code https://beacon.example/problems/invalid-consent}), naming every field that is wrong; nothing is
 * changed then.
 */
public interface ConsentApi {

    /**
     * A sender's lease around one provider attempt (the opt-out fence, ADR 0015): recorded first, then consent checked.
     * When allowed, to be given back with {@link #closeSendLease} once the attempt is over.
     */
    @PostExchange(url = "/api/consents/{customerId}/send-leases", contentType = MediaType.APPLICATION_JSON_VALUE)
    SendLease openSendLease(@PathVariable String customerId, @RequestBody SendLeaseRequest request);

    /** The attempt is over (204); idempotent: a lease already given back or run out answers the same. */
    @DeleteExchange("/api/consents/{customerId}/send-leases/{lease}")
    void closeSendLease(@PathVariable String customerId, @PathVariable String lease);

    /** May Beacon contact this customer on this channel for this purpose, right now? */
    @GetExchange("/api/consents/{customerId}/check")
    ConsentDecision check(@PathVariable String customerId, @RequestParam String channel,
                          @RequestParam(defaultValue = "marketing") String purpose);

    /** The same check for many customers (at most 1,000) and every channel at once, for a campaign's audience preview. Reads only. */
    @PostExchange(url = "/api/consents/checks", contentType = MediaType.APPLICATION_JSON_VALUE)
    ConsentChecks checks(@RequestBody(required = false) ConsentChecksRequest request);

    /** The customer's consents now; {@link io.beacon.contracts.api.ApiProblem.NotFound} when none was ever recorded. */
    @GetExchange("/api/consents/{customerId}")
    ConsentRecord current(@PathVariable String customerId);

    /** Every change for the customer, oldest first: who or what changed it, when, how, on which legal basis. */
    @GetExchange("/api/consents/{customerId}/history")
    List<ConsentHistoryEntry> history(@PathVariable String customerId);

    /**
     * Compliance: every customer's consent changes in a time range, newest first.
     *
     * @param from  an ISO 8601 instant ({@code 2026-11-01T00:00:00Z}), inclusive; required
     * @param to    an ISO 8601 instant, exclusive; null for no end
     * @param limit 1 to 1,000
     */
    @GetExchange("/api/consents/changes")
    List<ConsentHistoryEntry> changes(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                      @RequestParam(defaultValue = "200") int limit);

    /** A consent change recorded by a person or system (the console, a branch, an inbound STOP); answers the consents now. */
    @PutExchange(url = "/api/consents/{customerId}", contentType = MediaType.APPLICATION_JSON_VALUE)
    ConsentRecord change(@PathVariable String customerId, @RequestBody ConsentChangeRequest request);

    /** The app's preferences page: marketing per channel and profiling, as the customer sees them. */
    @GetExchange("/api/preferences/{customerId}")
    Preferences preferences(@PathVariable String customerId);

    /** What the customer switched on or off in the app: a withdrawal like any other. Answers the preferences now. */
    @PutExchange(url = "/api/preferences/{customerId}", contentType = MediaType.APPLICATION_JSON_VALUE)
    Preferences changePreferences(@PathVariable String customerId, @RequestBody PreferencesChange request);
}
