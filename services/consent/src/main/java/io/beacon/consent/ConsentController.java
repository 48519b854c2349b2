package io.beacon.consent;

import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentChangeRequest;
import io.beacon.contracts.api.consent.ConsentChecks;
import io.beacon.contracts.api.consent.ConsentChecksRequest;
import io.beacon.contracts.api.consent.ConsentDecision;
import io.beacon.contracts.api.consent.ConsentHistoryEntry;
import io.beacon.contracts.api.consent.ConsentRecord;
import io.beacon.contracts.api.consent.Preferences;
import io.beacon.contracts.api.consent.PreferencesChange;
import io.beacon.contracts.api.consent.SendLease;
import io.beacon.contracts.api.consent.SendLeaseRequest;
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
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ConsentController implements ConsentApi {

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

    /**
     * A sender's lease around one provider attempt (the opt-out fence, ADR 0015): recorded, then consent checked. Allowed:
     * {@code {"allowed":true,"reason":null,"lease":"<id>","until":"..."}}, to be given back with DELETE when the attempt is
     * over; not allowed: {@code {"allowed":false,"reason":"OPTED_OUT"}} and no lease.
     */
    @Override
    public SendLease openSendLease(String customerId, SendLeaseRequest request) {
        var errors = new ArrayList<ApiProblem.FieldError>();
        if (request.channel() == null || !ConsentLedger.CHANNELS.contains(request.channel())) {
            errors.add(new ApiProblem.FieldError("/channel", "must be one of sms, push, email"));
        }
        if (request.purpose() != null && !"marketing".equals(request.purpose())) {
            errors.add(new ApiProblem.FieldError("/purpose", "a send lease is for marketing"));
        }
        if (request.key() == null || request.key().isBlank()) {
            errors.add(new ApiProblem.FieldError("/key", "the send's idempotency key"));
        }
        if (!errors.isEmpty()) {
            audit.warn("send lease for customer {} refused: {}", customerId, errors);
            throw invalid(errors);
        }
        var grant = leases.open(customerId, request.channel(), request.key(), request.contactToken());
        return new SendLease(grant.allowed(), grant.decision().reason(), grant.allowed() ? grant.lease() : null,
                grant.allowed() ? grant.until() : null);
    }

    /** The attempt is over; idempotent (a lease already given back or run out answers the same). */
    @Override
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void closeSendLease(String customerId, String lease) {
        leases.close(customerId, lease);
    }

    @Override
    public ConsentDecision check(String customerId, String channel, String purpose) {
        if (!ConsentLedger.CHANNELS.contains(channel) || !ConsentLedger.PURPOSES.contains(purpose)) {
            throw invalid(List.of(new ApiProblem.FieldError("channel/purpose",
                    "unknown channel '" + channel + "' or purpose '" + purpose + "'; channels: sms, push, email; purposes: marketing, profiling")));
        }
        return decision(ledger.check(customerId, channel, purpose));
    }

    static final int MAX_CHECKS = 1000;

    /**
     * The same check for many customers and every channel at once, for a campaign's audience preview:
     * {@code {"results": {"C-1": {"sms": {"allowed": true, "reason": null}, "push": ..., "email": ...}}}}. Reads only.
     */
    @Override
    public ConsentChecks checks(ConsentChecksRequest request) {
        String purpose = request == null || request.purpose() == null ? "marketing" : request.purpose();
        var errors = new ArrayList<ApiProblem.FieldError>();
        if (request == null || request.customerIds() == null || request.customerIds().isEmpty()) {
            errors.add(new ApiProblem.FieldError("/customerIds", "required: a non-empty list of customer ids"));
        } else if (request.customerIds().size() > MAX_CHECKS) {
            errors.add(new ApiProblem.FieldError("/customerIds", "at most " + MAX_CHECKS + " customers a request, was " + request.customerIds().size()));
        } else if (request.customerIds().stream().anyMatch(id -> id == null || id.isBlank())) {
            errors.add(new ApiProblem.FieldError("/customerIds", "a customer id is blank"));
        }
        if (!ConsentLedger.PURPOSES.contains(purpose)) {
            errors.add(new ApiProblem.FieldError("/purpose", "unknown purpose '" + purpose + "'; purposes: marketing, profiling"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        var results = new LinkedHashMap<String, Map<String, ConsentDecision>>();
        for (String customerId : new java.util.LinkedHashSet<>(request.customerIds())) {
            var channels = new LinkedHashMap<String, ConsentDecision>();
            ledger.checkAll(customerId, purpose).forEach((channel, decision) -> channels.put(channel, decision(decision)));
            results.put(customerId, channels);
        }
        return new ConsentChecks(results);
    }

    @Override
    public ConsentRecord current(String customerId) {
        var consent = ledger.current(customerId);
        if (consent == null) {
            throw new ApiProblem.NotFound("no consent was ever recorded for customer " + customerId);
        }
        return record(consent);
    }

    @Override
    public List<ConsentHistoryEntry> history(String customerId) {
        return ledger.history(customerId).stream().map(ConsentController::entry).toList();
    }

    static final int MAX_CHANGES = 1000;

    /** Compliance: every customer's consent changes in a time range (ISO 8601 instants), newest first. */
    @Override
    public List<ConsentHistoryEntry> changes(String from, String to, int limit) {
        var errors = new ArrayList<ApiProblem.FieldError>();
        java.time.Instant start = null;
        java.time.Instant end = null;
        try {
            start = from == null || from.isBlank() ? null : java.time.Instant.parse(from.strip());
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(new ApiProblem.FieldError("from", "'" + from + "' is not an ISO 8601 instant such as 2026-11-01T00:00:00Z"));
        }
        try {
            end = to == null || to.isBlank() ? null : java.time.Instant.parse(to.strip());
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(new ApiProblem.FieldError("to", "'" + to + "' is not an ISO 8601 instant such as 2026-11-01T00:00:00Z"));
        }
        if (start == null && errors.isEmpty()) {
            errors.add(new ApiProblem.FieldError("from", "required: the start of the range"));
        }
        if (limit < 1 || limit > MAX_CHANGES) {
            errors.add(new ApiProblem.FieldError("limit", "must be between 1 and " + MAX_CHANGES));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return ledger.changes(start, end, limit).stream().map(ConsentController::entry).toList();
    }

    /** A consent change recorded by a person or system (the console, the app's preferences, a branch). */
    @Override
    public ConsentRecord change(String customerId, ConsentChangeRequest request) {
        var errors = new ArrayList<ApiProblem.FieldError>();
        if (request.channel() == null || !(ConsentLedger.CHANNELS.contains(request.channel()) || "all".equals(request.channel()))) {
            errors.add(new ApiProblem.FieldError("/channel", "must be one of sms, push, email, all"));
        }
        if (request.purpose() == null || !ConsentLedger.PURPOSES.contains(request.purpose())) {
            errors.add(new ApiProblem.FieldError("/purpose", "must be one of marketing, profiling"));
        }
        if (request.status() == null || !STATUSES.contains(request.status())) {
            errors.add(new ApiProblem.FieldError("/status", "must be GRANTED or WITHDRAWN"));
        }
        if (request.legalBasis() != null && !LEGAL_BASES.contains(request.legalBasis())) {
            errors.add(new ApiProblem.FieldError("/legalBasis", "must be CONSENT or SOFT_OPT_IN"));
        }
        if (request.source() == null || request.source().isBlank()) {
            errors.add(new ApiProblem.FieldError("/source", "who or what records the change, e.g. /console/rm-alice or /app/preferences"));
        }
        if (!errors.isEmpty()) {
            audit.warn("consent change for customer {} refused: {}", customerId, errors);
            throw invalid(errors);
        }
        var change = new ConsentChange(customerId, request.channel(), request.purpose(), "GRANTED".equals(request.status()),
                request.source() + (request.actor() == null ? "" : " by " + request.actor()), Instant.now());
        changes.record("api " + UUID.randomUUID(), change, request.legalBasis() == null ? "CONSENT" : request.legalBasis());
        return record(ledger.current(customerId));
    }

    /**
     * The app's preferences page: marketing per channel and profiling, as the customer sees them. What they switch off
     * is a withdrawal like any other (running journeys end, every send re-checks it).
     */
    @Override
    public Preferences preferences(String customerId) {
        var channels = new java.util.TreeMap<String, Boolean>();
        ConsentLedger.CHANNELS.forEach(channel -> channels.put(channel, ledger.check(customerId, channel, "marketing").allowed()));
        var current = ledger.current(customerId);
        boolean profilingRefused = current != null && (current.getBoolean("objected", false)
                || ConsentLedger.CHANNELS.stream().anyMatch(channel -> {
                    var state = current.get(channel, new Document()).get("profiling", Document.class);
                    return state != null && !state.getBoolean("granted", true);
                }));
        return new Preferences(customerId, channels, !profilingRefused);
    }

    @Override
    public Preferences changePreferences(String customerId, PreferencesChange request) {
        var errors = new ArrayList<ApiProblem.FieldError>();
        Map<String, Boolean> marketing = request.marketing() == null ? Map.of() : request.marketing();
        marketing.forEach((channel, on) -> {
            if (!ConsentLedger.CHANNELS.contains(channel)) {
                errors.add(new ApiProblem.FieldError("/marketing/" + channel, "unknown channel: one of sms, push, email"));
            } else if (on == null) {
                errors.add(new ApiProblem.FieldError("/marketing/" + channel, "must be true or false"));
            }
        });
        if (marketing.isEmpty() && request.profiling() == null) {
            errors.add(new ApiProblem.FieldError("/", "nothing to change: give marketing (per channel) or profiling"));
        }
        if (!errors.isEmpty()) {
            audit.warn("preferences change for customer {} refused: {}", customerId, errors);
            throw invalid(errors);
        }
        Instant now = Instant.now();
        marketing.forEach((channel, on) -> changes.record("preferences " + UUID.randomUUID(),
                new ConsentChange(customerId, channel, "marketing", on, "/app/preferences", now), "CONSENT"));
        if (request.profiling() != null) {
            changes.record("preferences " + UUID.randomUUID(),
                    new ConsentChange(customerId, "all", "profiling", request.profiling(), "/app/preferences", now), "CONSENT");
        }
        return preferences(customerId);
    }

    /**
     * A body that does not read as the request (a preference that is not true or false, say) is refused like any other
     * bad input: the field named as a JSON pointer, nothing changed.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        String field = "/";
        String message = "not JSON of the expected shape";
        if (e.getCause() instanceof tools.jackson.core.JacksonException json && !json.getPath().isEmpty()) {
            var pointer = new StringBuilder();
            json.getPath().forEach(at -> pointer.append('/').append(at.getPropertyName() != null ? at.getPropertyName() : at.getIndex()));
            field = pointer.toString();
            message = json instanceof tools.jackson.databind.exc.MismatchedInputException mismatch
                    && (mismatch.getTargetType() == Boolean.class || mismatch.getTargetType() == boolean.class)
                    ? "must be true or false" : "not a valid value here";
        }
        audit.warn("request refused: {}: {}", field, message);
        ApiProblem.Invalid problem = invalid(List.of(new ApiProblem.FieldError(field, message)));
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problem.detail());
        body.setType(problem.type());
        body.setProperty("errors", problem.errors());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static final URI INVALID_CONSENT = URI.create("https://beacon.example/problems/invalid-consent");

    private static ApiProblem.Invalid invalid(List<ApiProblem.FieldError> errors) {
        return new ApiProblem.Invalid(INVALID_CONSENT, "Invalid consent request; nothing was changed", errors);
    }

    private static ConsentDecision decision(ConsentLedger.Decision decision) {
        return new ConsentDecision(decision.allowed(), decision.reason());
    }

    private static ConsentHistoryEntry entry(Document change) {
        return new ConsentHistoryEntry(change.getString("customerId"), change.getString("channel"), change.getString("purpose"),
                change.getBoolean("granted", false), change.getString("legalBasis"), change.getString("source"), instant(change.getDate("at")),
                instant(change.getDate(io.beacon.platform.PersonalData.KEPT_UNTIL)));
    }

    private static ConsentRecord record(Document consent) {
        return new ConsentRecord(consent.getString("_id"), channel(consent, "sms"), channel(consent, "push"), channel(consent, "email"),
                consent.getBoolean("objected"), instant(consent.getDate("updatedAt")));
    }

    private static ConsentRecord.ChannelConsents channel(Document consent, String channel) {
        Document purposes = consent.get(channel, Document.class);
        return purposes == null ? null : new ConsentRecord.ChannelConsents(purpose(purposes, "marketing"), purpose(purposes, "profiling"));
    }

    private static ConsentRecord.PurposeConsent purpose(Document purposes, String purpose) {
        Document state = purposes.get(purpose, Document.class);
        return state == null ? null : new ConsentRecord.PurposeConsent(state.getBoolean("granted", false), state.getString("legalBasis"),
                state.getString("source"), instant(state.getDate("at")));
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
