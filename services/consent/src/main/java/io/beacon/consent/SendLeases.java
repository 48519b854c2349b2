package io.beacon.consent;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opt-out fence (ADR 0015). A sender takes a lease here around each provider attempt; a withdrawal is acknowledged
 * only once no lease of that customer and channel is open. Each side writes first and reads the other's write second:
 * the lease is recorded and then consent is read; the withdrawal is recorded and then the leases are read. On one
 * MongoDB primary (single-document writes acknowledged before the next read starts) at least one of the two reads sees
 * the other's write: either the sender sees the withdrawal and sends nothing, or the withdrawal sees the lease and waits
 * for it. So no provider request starts after an opt-out was acknowledged, and none that started before is still under
 * way when it is.
 * <p>
 * A lease not given back (a sender that died mid-call, a network split) runs out after {@code leaseTime}; that bounds how
 * long an acknowledgement can wait. A sender never holds one longer than a provider attempt's timeouts allow.
 */
public class SendLeases {

    private static final Logger log = LoggerFactory.getLogger(SendLeases.class);
    static final String COLLECTION = "send_leases";

    /** What the sender gets: a lease to give back, or the reason it may not send. */
    public record Grant(String lease, Instant until, ConsentLedger.Decision decision) {
        public boolean allowed() {
            return decision.allowed();
        }
    }

    private final MongoCollection<Document> leases;
    private final ConsentLedger ledger;
    private final Suppressions suppressions;
    private final Clock clock;
    private final Duration leaseTime;
    private final Duration pollInterval;

    public SendLeases(MongoDatabase database, ConsentLedger ledger, Clock clock, Duration leaseTime, Duration pollInterval) {
        this.leases = database.getCollection(COLLECTION);
        this.ledger = ledger;
        this.suppressions = new Suppressions(database);
        this.clock = clock;
        this.leaseTime = leaseTime;
        this.pollInterval = pollInterval;
    }

    public void ensureIndexes() {
        leases.createIndex(Indexes.ascending("customerId", "channel"));
    }

    public Duration leaseTime() {
        return leaseTime;
    }

    /**
     * Records a lease, then checks consent (the order is the whole point). Refused: the lease is removed again and the
     * decision says why.
     */
    public Grant open(String customerId, String channel, String idempotencyKey) {
        return open(customerId, channel, idempotencyKey, null);
    }

    /**
     * As {@link #open(String, String, String)}, for a send to the contact point with this blind index: refused with
     * SUPPRESSED_CONTACT_POINT when it belonged to an erased person. The last word on it, as on consent (ADR 0030): a
     * send planned before the erasure is stopped here too.
     */
    public Grant open(String customerId, String channel, String idempotencyKey, String contactToken) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant until = now.plus(leaseTime);
        leases.insertOne(new Document("_id", id).append("customerId", customerId).append("channel", channel)
                .append("key", idempotencyKey).append("openedAt", Date.from(now)).append("until", Date.from(until)));
        ConsentLedger.Decision decision = ledger.check(customerId, channel, "marketing");
        if (decision.allowed() && suppressions.suppressed(contactToken)) {
            decision = new ConsentLedger.Decision(false, io.beacon.contracts.ReasonCode.SUPPRESSED_CONTACT_POINT);
        }
        if (!decision.allowed()) {
            leases.deleteOne(Filters.eq("_id", id));
            return new Grant(null, null, decision);
        }
        return new Grant(id, until, decision);
    }

    /** Gives a lease back; returns whether it was still open. */
    public boolean close(String customerId, String lease) {
        return leases.deleteOne(Filters.and(Filters.eq("_id", lease), Filters.eq("customerId", customerId))).getDeletedCount() == 1;
    }

    /**
     * Returns once no lease of the customer on these channels is open (given back or run out); called after a withdrawal
     * is recorded and before it is acknowledged. Returns how long it waited for an open lease (zero when none was open).
     */
    public Duration awaitClosed(String customerId, Collection<String> channels) {
        long started = System.nanoTime();
        boolean waited = false;
        // run-out leases stay behind until swept; a deadline past the longest possible lease ends the wait in any case
        Instant deadline = clock.instant().plus(leaseTime).plus(pollInterval);
        while (true) {
            Instant now = clock.instant();
            Document open = leases.find(Filters.and(Filters.eq("customerId", customerId), Filters.in("channel", channels),
                    Filters.gt("until", Date.from(now)))).first();
            if (open == null) {
                return waited ? Duration.ofNanos(System.nanoTime() - started) : Duration.ZERO;
            }
            waited = true;
            if (now.isAfter(deadline)) {
                // cannot happen unless the clock jumped back: every lease was written with until <= its open + leaseTime
                log.error("send lease {} of customer {} still open past its time; opt-out acknowledged anyway", open.get("_id"), customerId);
                return Duration.ofNanos(System.nanoTime() - started);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a send of customer " + customerId + " was under way", e);
            }
        }
    }

    /** Removes leases that ran out (their senders died or lost the consent service); run now and then. */
    public long sweepExpired() {
        return leases.deleteMany(Filters.lte("until", Date.from(clock.instant()))).getDeletedCount();
    }
}
