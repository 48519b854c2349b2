package io.beacon.decisioning.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.decisioning.decision.OfferHistory;
import io.beacon.decisioning.rules.PastRejection;
import io.beacon.decisioning.rules.RunningJourney;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A customer's offer history as decisions need it, kept from {@code beacon.offers}:
 * <ul>
 * <li>rejections (an RM's REJECTED on {@code beacon.offers}, or the customer's own decline, a {@code bank.offer.declined}
 * bank event), which start the cooling-off period of the product;</li>
 * <li>running journeys, one per customer and product: claimed atomically when a decision starts a journey, ended by
 * the journey's terminal outcome, and treated as ended once {@code maxJourneyDuration} has passed (a journey whose
 * last step records no outcome, e.g. an attribution window that expired, ends that way).</li>
 * </ul>
 * See docs/adr/0010-cooling-off-and-one-running-journey.md.
 */
public class ContactHistory {

    /** Where a batch's database calls run beside each other: virtual threads, as each only waits for MongoDB. */
    public static final java.util.concurrent.Executor IO = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final MongoCollection<Document> rejections;
    private final MongoCollection<Document> running;
    private final int coolingOffDays;
    private final Duration maxJourneyDuration;

    public ContactHistory(MongoDatabase database, int coolingOffDays, Duration maxJourneyDuration) {
        this.rejections = database.getCollection("offer_rejections");
        this.running = database.getCollection("running_journeys");
        this.coolingOffDays = coolingOffDays;
        this.maxJourneyDuration = maxJourneyDuration;
    }

    public int coolingOffDays() {
        return coolingOffDays;
    }

    /**
     * The history of each customer, read in two queries for a batch: rejections recent enough to matter, journeys not
     * yet ended. Running journeys are read by their ids ({@code customerId|productCode} for every product of the
     * catalogue), which every MongoDB serves from the {@code _id} index; a journey of a product no longer in the
     * catalogue could not match any offer the rules judge.
     */
    public Map<String, OfferHistory> historyOf(Collection<String> customerIds, Collection<String> productCodes, Instant now) {
        Map<String, List<PastRejection>> rejected = new HashMap<>();
        Map<String, List<RunningJourney>> runningOf = new HashMap<>();
        if (!customerIds.isEmpty()) {
            Instant since = now.minus(Duration.ofDays(coolingOffDays + 1L));
            // the two queries run side by side: a batch waits for the slower, not for both
            var recent = java.util.concurrent.CompletableFuture.supplyAsync(() -> rejections
                    .find(Filters.and(Filters.in("customerId", customerIds), Filters.gte("at", Date.from(since)))).into(new ArrayList<>()), IO);
            var ids = new ArrayList<String>(customerIds.size() * productCodes.size());
            for (String customerId : customerIds) {
                for (String productCode : productCodes) {
                    ids.add(customerId + "|" + productCode);
                }
            }
            // by _id alone (a query with any other field is a scan on the embedded server); the expiry is checked here
            for (Document d : running.find(Filters.in("_id", ids)).sort(com.mongodb.client.model.Sorts.ascending("_id"))) {
                if (live(d, now)) {
                    runningOf.computeIfAbsent(d.getString("customerId"), k -> new ArrayList<>())
                            .add(new RunningJourney(d.getString("productCode"), d.getString("decisionId")));
                }
            }
            for (Document d : recent.join()) {
                rejected.computeIfAbsent(d.getString("customerId"), k -> new ArrayList<>())
                        .add(new PastRejection(d.getString("productCode"), LocalDate.parse(d.getString("on")), d.getString("cause")));
            }
        }
        Map<String, OfferHistory> histories = new HashMap<>();
        for (String id : customerIds) {
            histories.put(id, new OfferHistory(List.copyOf(rejected.getOrDefault(id, List.of())),
                    List.copyOf(runningOf.getOrDefault(id, List.of())), coolingOffDays));
        }
        return histories;
    }

    /** A decision's claim of the customer's running journey for a product. */
    public record Claim(String customerId, String productCode, String decisionId) {
        String id() {
            return customerId + "|" + productCode;
        }
    }

    /**
     * The claims of a batch's winners, with the result each would have had claimed one after the other in this order.
     * The first claim of each customer and product is an insert (one write for the batch; the {@code _id} index decides,
     * on every MongoDB). Where a claim document exists already, it is read by id: a live claim of another decision wins
     * over this one, with no write; an ended (expired) claim or this decision's own is claimed with the conditional
     * upsert of {@link #claim}. A later claim of the same customer and product in the batch wins only if it is the same
     * decision (a redelivered event) as the first one that won; when the first one lost, the later ones are claimed one
     * by one.
     */
    public boolean[] claimAll(List<Claim> claims, Instant now) {
        boolean[] won = new boolean[claims.size()];
        Map<String, Integer> first = new java.util.LinkedHashMap<>();
        List<Document> inserts = new ArrayList<>();
        List<Integer> insertOf = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            if (first.putIfAbsent(claims.get(i).id(), i) == null) {
                inserts.add(new Document("_id", claims.get(i).id()).append("customerId", claims.get(i).customerId())
                        .append("productCode", claims.get(i).productCode()).append("decisionId", claims.get(i).decisionId())
                        .append("startedAt", Date.from(now)).append("expiresAt", Date.from(now.plus(maxJourneyDuration))));
                insertOf.add(i);
                won[i] = true;
            }
        }
        List<Integer> collided = new ArrayList<>();
        if (!inserts.isEmpty()) {
            try {
                running.insertMany(inserts, new com.mongodb.client.model.InsertManyOptions().ordered(false));
            } catch (com.mongodb.MongoBulkWriteException e) {
                for (var error : e.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    collided.add(insertOf.get(error.getIndex()));
                }
            }
        }
        if (!collided.isEmpty()) {
            Map<String, Document> existing = new HashMap<>();
            running.find(Filters.in("_id", collided.stream().map(i -> claims.get(i).id()).toList()))
                    .forEach(d -> existing.put(d.getString("_id"), d));
            for (int i : collided) {
                var claim = claims.get(i);
                Document current = existing.get(claim.id());
                won[i] = current != null && live(current, now) && !claim.decisionId().equals(current.getString("decisionId"))
                        ? false
                        : claim(claim.customerId(), claim.productCode(), claim.decisionId(), now);
            }
        }
        for (int i = 0; i < claims.size(); i++) {
            int firstOfId = first.get(claims.get(i).id());
            if (firstOfId != i) {
                var claim = claims.get(i);
                won[i] = won[firstOfId] ? claims.get(firstOfId).decisionId().equals(claim.decisionId())
                        : claim(claim.customerId(), claim.productCode(), claim.decisionId(), now);
            }
        }
        return won;
    }

    /** A claim that has not expired: its journey counts as running. */
    private static boolean live(Document claim, Instant now) {
        Date expiresAt = claim.getDate("expiresAt");
        return expiresAt != null && expiresAt.toInstant().isAfter(now);
    }

    /**
     * Claims the customer's one running journey for the product. One atomic conditional upsert: the filter matches
     * only an ended (expired) claim or this decision's own (a redelivered event), so of two decisions racing for the
     * same customer and product the second collides on the id and gets false.
     */
    public boolean claim(String customerId, String productCode, String decisionId, Instant now) {
        var claim = new Claim(customerId, productCode, decisionId);
        try {
            running.replaceOne(claimFilter(claim, now), claimDocument(claim, now), new ReplaceOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Matches only an ended (expired) claim or this decision's own: any other live claim makes the upsert collide on the id. */
    private static org.bson.conversions.Bson claimFilter(Claim claim, Instant now) {
        return Filters.and(Filters.eq("_id", claim.id()),
                Filters.or(Filters.lte("expiresAt", Date.from(now)), Filters.eq("decisionId", claim.decisionId())));
    }

    private Document claimDocument(Claim claim, Instant now) {
        return new Document("customerId", claim.customerId()).append("productCode", claim.productCode()).append("decisionId", claim.decisionId())
                .append("startedAt", Date.from(now)).append("expiresAt", Date.from(now.plus(maxJourneyDuration)));
    }

    /** A running journey's claim, as re-created after the loss of the engine. */
    public record RunningClaim(String customerId, String productCode, String decisionId, Instant startedAt) {
    }

    /**
     * The journeys still running by their claims (not ended, not expired) that were claimed before {@code before}: the
     * ones that ran on an engine found lost at that time (ADR 0020). A scan, done once per lost engine.
     */
    public List<RunningClaim> runningClaimedBefore(Instant before, Instant now) {
        var claims = new ArrayList<RunningClaim>();
        for (Document d : running.find(Filters.lt("startedAt", Date.from(before)))) {
            if (live(d, now)) {
                claims.add(new RunningClaim(d.getString("customerId"), d.getString("productCode"), d.getString("decisionId"),
                        d.getDate("startedAt").toInstant()));
            }
        }
        return claims;
    }

    /**
     * The customer declined an offer of a product (a {@code bank.offer.declined} event): it cools off like an RM's
     * rejection, from the day it was declined (in UTC). Idempotent: a redelivered event rewrites the same document.
     *
     * @param eventKey the bank event's source and id
     */
    public void declined(String customerId, String productCode, Instant declinedAt, String eventKey) {
        if (customerId == null || productCode == null || declinedAt == null) {
            return;
        }
        rejections.replaceOne(Filters.eq("_id", "declined " + eventKey), new Document("customerId", customerId)
                        .append("productCode", productCode).append("cause", PastRejection.CUSTOMER_DECLINED)
                        .append("on", LocalDate.ofInstant(declinedAt, ZoneOffset.UTC).toString()).append("at", Date.from(declinedAt)),
                new ReplaceOptions().upsert(true));
    }

    /** Ends the customer's running journey for a product when it is the one this decision started (a late outcome of an older journey ends nothing). */
    public void end(String customerId, String productCode, String decisionId) {
        running.deleteOne(Filters.and(Filters.eq("_id", customerId + "|" + productCode), Filters.eq("decisionId", decisionId)));
    }

    /** What an outcome on beacon.offers means for the history; idempotent, so a redelivered outcome changes nothing more. */
    public void apply(OfferOutcome outcome) {
        if (outcome.customerId() == null || outcome.productCode() == null) {
            return;
        }
        if (outcome.type() == OutcomeType.REJECTED) {
            Instant at = outcome.at() == null ? Instant.now() : outcome.at();
            rejections.replaceOne(Filters.eq("_id", outcome.eventId()), new Document("customerId", outcome.customerId())
                            .append("productCode", outcome.productCode()).append("cause", PastRejection.RM_REJECTED)
                            .append("on", LocalDate.ofInstant(at, ZoneOffset.UTC).toString()).append("at", Date.from(at))
                            .append("decisionId", outcome.decisionId()),
                    new ReplaceOptions().upsert(true));
        }
        // a journey's own terminal outcome (OfferOutcome.endsJourney, ADR 0010) ends it
        if (outcome.endsJourney() && outcome.decisionId() != null) {
            end(outcome.customerId(), outcome.productCode(), outcome.decisionId());
        }
    }
}
