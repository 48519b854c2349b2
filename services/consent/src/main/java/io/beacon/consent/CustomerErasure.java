package io.beacon.consent;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.contracts.api.erasure.ErasureApi;
import io.beacon.contracts.api.erasure.ErasureReport;
import io.beacon.platform.PersonalData;
import io.beacon.platform.Pseudonyms;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure of a customer (GDPR Art. 17), orchestrated here because consent owns the promise never to market to them
 * again. In order: the customer's contact points become one-way suppression tokens (their keyed blind indexes, from
 * profiles); an objection on every channel and purpose is recorded and published, which ends every running journey
 * (the opt-out subprocess) and stops any send in flight at its consent re-check; then every service erases what it
 * keeps ({@code POST /internal/customers/{id}/erasure}) and this one its own. What a law requires (decisions, suitability
 * evidence, consent history, reviews) is kept under the customer's pseudonym for a limited time (ADR 0033). The report
 * says what went where, and what was kept, why and until when. Idempotent: calling again after a service was down
 * completes the erasure; calling again after it completed changes nothing and reports what is kept.
 *
 * <p>A journey step already running when the erasure comes (a suitability check that read the profile a moment before)
 * may still write after its service erased. So every erasure is swept once more after {@code sweepAfter} (longer than
 * a job's timeout): the services erase again, which catches what such a step wrote. Until then the customer id is kept
 * in {@code erasure_sweeps}, and nothing else.
 */
public class CustomerErasure {

    private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);

    /** Why the history of consent changes outlives an erasure. */
    public static final String CONSENT_RECORD_KEEPING = "GDPR Art. 7(1) proof of consent; GDPR Art. 17(3)(b) and (e)";

    /** What an erasure did; {@code failures} names each service that could not be reached (call again). */
    public record Report(String customerId, Instant erasedAt, int suppressionTokensKept, List<ErasureReport> services,
                         List<String> failures) {
        public boolean complete() {
            return failures.isEmpty();
        }
    }

    private final ConsentChanges changes;
    private final ConsentLedger ledger;
    private final PersonalData ownData;
    private final MongoDatabase database;
    private final Suppressions suppressions;
    private final ProfilesApi profiles;
    private final Map<String, ErasureApi> services;
    private final Clock clock;
    private final java.time.Duration sweepAfter;
    private final MongoCollection<Document> sweeps;
    private final Pseudonyms pseudonyms;

    public CustomerErasure(ConsentChanges changes, ConsentLedger ledger, PersonalData ownData, MongoDatabase database,
                           ProfilesApi profiles, Map<String, ErasureApi> services, Clock clock, java.time.Duration sweepAfter,
                           Pseudonyms pseudonyms) {
        this.changes = changes;
        this.ledger = ledger;
        this.ownData = ownData;
        this.database = database;
        this.suppressions = new Suppressions(database);
        this.profiles = profiles;
        this.services = services;
        this.clock = clock;
        this.sweepAfter = sweepAfter;
        this.sweeps = database.getCollection("erasure_sweeps");
        this.pseudonyms = pseudonyms;
    }

    /**
     * Empty when Beacon knows nothing of the customer (no profile, no consent record, nothing kept from an earlier
     * erasure): nothing is changed.
     */
    public Optional<Report> erase(String customerId) {
        Map<String, String> tokens = suppressionTokens(customerId);
        boolean known = tokens != null || !ledger.history(customerId).isEmpty();
        Instant now = clock.instant();
        if (!known) {
            if (ledger.history(pseudonyms.of(customerId)).isEmpty()) {
                return Optional.empty();
            }
            // erased before: nothing is recorded or published again; every service reports what it still keeps
            var reports = new ArrayList<ErasureReport>();
            var failures = new ArrayList<String>();
            eraseEverywhere(customerId, reports, failures);
            log.info("erasure of customer {} asked again: erased before, {} service(s) report what they keep", customerId, reports.size());
            return Optional.of(new Report(customerId, now, 0, reports, failures));
        }
        if (tokens != null) {
            tokens.forEach((kind, token) -> suppressions.keep(token, kind, now));
        }
        // the objection ends running journeys and any send in flight, before the data that drives them is gone
        changes.record("erasure:" + customerId, new ConsentChange(customerId, "all", "marketing", false, "erasure", now), "consent");
        changes.record("erasure:" + customerId + ":profiling", new ConsentChange(customerId, "all", "profiling", false, "erasure", now), "consent");

        var reports = new ArrayList<ErasureReport>();
        var failures = new ArrayList<String>();
        eraseEverywhere(customerId, reports, failures);
        sweeps.replaceOne(Filters.eq("_id", customerId), new Document("_id", customerId).append("due", Date.from(now.plus(sweepAfter))),
                new ReplaceOptions().upsert(true));
        var report = new Report(customerId, now, tokens == null ? 0 : tokens.size(), reports, failures);
        log.info("erasure of customer {}: {} suppression token(s) kept, {} service(s) erased{}; swept again after {}", customerId,
                report.suppressionTokensKept(), reports.size(), failures.isEmpty() ? "" : ", INCOMPLETE, unreachable: " + failures, sweepAfter);
        return Optional.of(report);
    }

    /** The second pass of the erasures that are due: what in-flight steps wrote after the first is erased too. */
    public int sweepDue() {
        int swept = 0;
        for (Document due : sweeps.find(Filters.lte("due", Date.from(clock.instant()))).into(new ArrayList<>())) {
            String customerId = due.getString("_id");
            var reports = new ArrayList<ErasureReport>();
            var failures = new ArrayList<String>();
            eraseEverywhere(customerId, reports, failures);
            if (failures.isEmpty()) {
                sweeps.deleteOne(Filters.eq("_id", customerId));
                swept++;
                log.info("erasure of customer {} swept again: {}", customerId, reports);
            } else {
                log.warn("erasure sweep of customer {} incomplete, tried again later; unreachable: {}", customerId, failures);
            }
        }
        return swept;
    }

    private void eraseEverywhere(String customerId, List<ErasureReport> reports, List<String> failures) {
        services.forEach((name, service) -> {
            try {
                reports.add(service.erase(customerId));
            } catch (ApiProblem e) {
                failures.add(name + ": " + e.getMessage());
            }
        });
        reports.add(ownData.erase(database, "consent", customerId, pseudonyms, clock.instant()));
    }

    /** Whether a contact point (by its blind index) belongs to an erased person. */
    public boolean suppressed(String token) {
        return suppressions.suppressed(token);
    }

    /** The blind indexes of the customer's contact points; null when profiles has no such customer. */
    private Map<String, String> suppressionTokens(String customerId) {
        try {
            Map<String, String> tokens = profiles.suppressionTokens(customerId).tokens();
            return tokens == null ? Map.of() : tokens;
        } catch (ApiProblem.NotFound unknown) {
            return null;
        }
    }
}
