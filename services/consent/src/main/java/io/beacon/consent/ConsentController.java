package io.beacon.consent;

import io.beacon.contracts.ConsentChange;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ConsentController {

    private static final Logger audit = LoggerFactory.getLogger("io.beacon.consent.audit");
    private static final Set<String> STATUSES = Set.of("GRANTED", "WITHDRAWN");
    private static final Set<String> LEGAL_BASES = Set.of("CONSENT", "SOFT_OPT_IN");

    private final ConsentLedger ledger;
    private final ConsentChanges changes;
    private final SendLeases leases;

    ConsentController(ConsentLedger ledger, ConsentChanges changes, SendLeases leases) {
        this.ledger = ledger;
        this.changes = changes;
        this.leases = leases;
    }

    /** @param key the send's idempotency key, for the record */
    record LeaseRequest(String channel, String purpose, String key) {
    }

    /**
     * A sender's lease around one provider attempt (the opt-out fence, ADR 0015): recorded, then consent checked. Allowed:
     * {@code {"allowed":true,"lease":"<id>","until":"..."}}, to be given back with DELETE when the attempt is over; not
     * allowed: {@code {"allowed":false,"reason":"OPTED_OUT"}} and no lease.
     */
    @PostMapping(path = "/api/consents/{customerId}/send-leases", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> openSendLease(@PathVariable String customerId, @RequestBody LeaseRequest request) {
        var errors = new ArrayList<Map<String, String>>();
        if (request.channel() == null || !ConsentLedger.CHANNELS.contains(request.channel())) {
            errors.add(Map.of("field", "/channel", "message", "must be one of sms, push, email"));
        }
        if (request.purpose() != null && !"marketing".equals(request.purpose())) {
            errors.add(Map.of("field", "/purpose", "message", "a send lease is for marketing"));
        }
        if (request.key() == null || request.key().isBlank()) {
            errors.add(Map.of("field", "/key", "message", "the send's idempotency key"));
        }
        if (!errors.isEmpty()) {
            audit.warn("send lease for customer {} refused: {}", customerId, errors);
            return problem(errors);
        }
        var grant = leases.open(customerId, request.channel(), request.key());
        var body = new LinkedHashMap<String, Object>();
        body.put("allowed", grant.allowed());
        body.put("reason", grant.decision().reason() == null ? null : grant.decision().reason().name());
        if (grant.allowed()) {
            body.put("lease", grant.lease());
            body.put("until", grant.until().toString());
        }
        return ResponseEntity.ok(body);
    }

    /** The attempt is over; idempotent (a lease already given back or run out answers the same). */
    @DeleteMapping("/api/consents/{customerId}/send-leases/{lease}")
    ResponseEntity<Void> closeSendLease(@PathVariable String customerId, @PathVariable String lease) {
        leases.close(customerId, lease);
        return ResponseEntity.noContent().build();
    }

    /** May Beacon contact this customer on this channel for this purpose, right now? */
    @GetMapping("/api/consents/{customerId}/check")
    ResponseEntity<?> check(@PathVariable String customerId, @RequestParam String channel,
                            @RequestParam(defaultValue = "marketing") String purpose) {
        if (!ConsentLedger.CHANNELS.contains(channel) || !ConsentLedger.PURPOSES.contains(purpose)) {
            return problem(List.of(Map.of("field", "channel/purpose", "message",
                    "unknown channel '" + channel + "' or purpose '" + purpose + "'; channels: sms, push, email; purposes: marketing, profiling")));
        }
        var decision = ledger.check(customerId, channel, purpose);
        var body = new LinkedHashMap<String, Object>();
        body.put("allowed", decision.allowed());
        body.put("reason", decision.reason() == null ? null : decision.reason().name());
        return ResponseEntity.ok(body);
    }

    static final int MAX_CHECKS = 1000;

    record ChecksRequest(List<String> customerIds, String purpose) {
    }

    /**
     * The same check for many customers and every channel at once, for a campaign's audience preview:
     * {@code {"results": {"C-1": {"sms": {"allowed": true, "reason": null}, "push": ..., "email": ...}}}}. Reads only.
     */
    @PostMapping(path = "/api/consents/checks", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> checks(@RequestBody(required = false) ChecksRequest request) {
        String purpose = request == null || request.purpose() == null ? "marketing" : request.purpose();
        var errors = new ArrayList<Map<String, String>>();
        if (request == null || request.customerIds() == null || request.customerIds().isEmpty()) {
            errors.add(Map.of("field", "/customerIds", "message", "required: a non-empty list of customer ids"));
        } else if (request.customerIds().size() > MAX_CHECKS) {
            errors.add(Map.of("field", "/customerIds", "message", "at most " + MAX_CHECKS + " customers a request, was " + request.customerIds().size()));
        } else if (request.customerIds().stream().anyMatch(id -> id == null || id.isBlank())) {
            errors.add(Map.of("field", "/customerIds", "message", "a customer id is blank"));
        }
        if (!ConsentLedger.PURPOSES.contains(purpose)) {
            errors.add(Map.of("field", "/purpose", "message", "unknown purpose '" + purpose + "'; purposes: marketing, profiling"));
        }
        if (!errors.isEmpty()) {
            return problem(errors);
        }
        var results = new LinkedHashMap<String, Object>();
        for (String customerId : new java.util.LinkedHashSet<>(request.customerIds())) {
            var channels = new LinkedHashMap<String, Object>();
            ledger.checkAll(customerId, purpose).forEach((channel, decision) -> {
                var answer = new LinkedHashMap<String, Object>();
                answer.put("allowed", decision.allowed());
                answer.put("reason", decision.reason() == null ? null : decision.reason().name());
                channels.put(channel, answer);
            });
            results.put(customerId, channels);
        }
        return ResponseEntity.ok(Map.of("results", results));
    }

    @GetMapping("/api/consents/{customerId}")
    ResponseEntity<Map<String, Object>> current(@PathVariable String customerId) {
        var consent = ledger.current(customerId);
        return consent == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(consent);
    }

    /** Every change for the customer, oldest first: who or what changed it, when, how, on which legal basis. */
    @GetMapping("/api/consents/{customerId}/history")
    List<Document> history(@PathVariable String customerId) {
        return ledger.history(customerId);
    }

    static final int MAX_CHANGES = 1000;

    /** Compliance: every customer's consent changes in a time range (ISO 8601 instants), newest first. */
    @GetMapping("/api/consents/changes")
    ResponseEntity<?> changes(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @RequestParam(defaultValue = "200") int limit) {
        var errors = new ArrayList<Map<String, String>>();
        java.time.Instant start = null;
        java.time.Instant end = null;
        try {
            start = from == null || from.isBlank() ? null : java.time.Instant.parse(from.strip());
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(Map.of("field", "from", "message", "'" + from + "' is not an ISO 8601 instant such as 2026-11-01T00:00:00Z"));
        }
        try {
            end = to == null || to.isBlank() ? null : java.time.Instant.parse(to.strip());
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(Map.of("field", "to", "message", "'" + to + "' is not an ISO 8601 instant such as 2026-11-01T00:00:00Z"));
        }
        if (start == null && errors.isEmpty()) {
            errors.add(Map.of("field", "from", "message", "required: the start of the range"));
        }
        if (limit < 1 || limit > MAX_CHANGES) {
            errors.add(Map.of("field", "limit", "message", "must be between 1 and " + MAX_CHANGES));
        }
        if (!errors.isEmpty()) {
            return problem(errors);
        }
        return ResponseEntity.ok(ledger.changes(start, end, limit));
    }

    /** A consent change recorded by a person or system (the console, the app's preferences, a branch). */
    record ConsentRequest(String channel, String purpose, String status, String legalBasis, String source, String actor, String reason) {
    }

    @PutMapping(path = "/api/consents/{customerId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> change(@PathVariable String customerId, @RequestBody ConsentRequest request) {
        var errors = new ArrayList<Map<String, String>>();
        if (request.channel() == null || !(ConsentLedger.CHANNELS.contains(request.channel()) || "all".equals(request.channel()))) {
            errors.add(Map.of("field", "/channel", "message", "must be one of sms, push, email, all"));
        }
        if (request.purpose() == null || !ConsentLedger.PURPOSES.contains(request.purpose())) {
            errors.add(Map.of("field", "/purpose", "message", "must be one of marketing, profiling"));
        }
        if (request.status() == null || !STATUSES.contains(request.status())) {
            errors.add(Map.of("field", "/status", "message", "must be GRANTED or WITHDRAWN"));
        }
        if (request.legalBasis() != null && !LEGAL_BASES.contains(request.legalBasis())) {
            errors.add(Map.of("field", "/legalBasis", "message", "must be CONSENT or SOFT_OPT_IN"));
        }
        if (request.source() == null || request.source().isBlank()) {
            errors.add(Map.of("field", "/source", "message", "who or what records the change, e.g. /console/rm-alice or /app/preferences"));
        }
        if (!errors.isEmpty()) {
            audit.warn("consent change for customer {} refused: {}", customerId, errors);
            return problem(errors);
        }
        var change = new ConsentChange(customerId, request.channel(), request.purpose(), "GRANTED".equals(request.status()),
                request.source() + (request.actor() == null ? "" : " by " + request.actor()), Instant.now());
        changes.record("api " + UUID.randomUUID(), change, request.legalBasis() == null ? "CONSENT" : request.legalBasis());
        return ResponseEntity.ok(ledger.current(customerId));
    }

    /**
     * The app's preferences page: marketing per channel and profiling, as the customer sees them. What they switch off
     * is a withdrawal like any other (running journeys end, every send re-checks it).
     */
    @GetMapping("/api/preferences/{customerId}")
    Map<String, Object> preferences(@PathVariable String customerId) {
        var channels = new java.util.TreeMap<String, Boolean>();
        ConsentLedger.CHANNELS.forEach(channel -> channels.put(channel, ledger.check(customerId, channel, "marketing").allowed()));
        var current = ledger.current(customerId);
        boolean profilingRefused = current != null && (current.getBoolean("objected", false)
                || ConsentLedger.CHANNELS.stream().anyMatch(channel -> {
                    var state = current.get(channel, new Document()).get("profiling", Document.class);
                    return state != null && !state.getBoolean("granted", true);
                }));
        return Map.of("customerId", customerId, "marketing", channels, "profiling", !profilingRefused);
    }

    /** @param marketing channel to on/off; @param profiling false refuses profiling (PIPL Art. 24: generic offers only) */
    record Preferences(Map<String, Object> marketing, Object profiling) {
    }

    @PutMapping(path = "/api/preferences/{customerId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> changePreferences(@PathVariable String customerId, @RequestBody Preferences request) {
        var errors = new ArrayList<Map<String, String>>();
        Map<String, Object> marketing = request.marketing() == null ? Map.of() : request.marketing();
        marketing.forEach((channel, on) -> {
            if (!ConsentLedger.CHANNELS.contains(channel)) {
                errors.add(Map.of("field", "/marketing/" + channel, "message", "unknown channel: one of sms, push, email"));
            } else if (!(on instanceof Boolean)) {
                errors.add(Map.of("field", "/marketing/" + channel, "message", "must be true or false"));
            }
        });
        if (request.profiling() != null && !(request.profiling() instanceof Boolean)) {
            errors.add(Map.of("field", "/profiling", "message", "must be true or false"));
        }
        if (marketing.isEmpty() && request.profiling() == null) {
            errors.add(Map.of("field", "/", "message", "nothing to change: give marketing (per channel) or profiling"));
        }
        if (!errors.isEmpty()) {
            audit.warn("preferences change for customer {} refused: {}", customerId, errors);
            return problem(errors);
        }
        Instant now = Instant.now();
        marketing.forEach((channel, on) -> changes.record("preferences " + UUID.randomUUID(),
                new ConsentChange(customerId, channel, "marketing", (Boolean) on, "/app/preferences", now), "CONSENT"));
        if (request.profiling() != null) {
            changes.record("preferences " + UUID.randomUUID(),
                    new ConsentChange(customerId, "all", "profiling", (Boolean) request.profiling(), "/app/preferences", now), "CONSENT");
        }
        return ResponseEntity.ok(preferences(customerId));
    }

    private static ResponseEntity<ProblemDetail> problem(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid consent request; nothing was changed");
        problem.setType(URI.create("https://beacon.example/problems/invalid-consent"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
