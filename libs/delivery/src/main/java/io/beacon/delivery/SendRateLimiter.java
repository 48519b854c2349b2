package io.beacon.delivery;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * The provider's rate limit for one sender (a Twilio long or short code, an FCM project, an SMTP relay), shared by every
 * instance of the channel service through MongoDB, so the limit holds with any number of instances (ADR 0036).
 * <p>
 * Time is cut into slots of {@code period} (1 s for "n messages per second"); the slot's document in
 * {@value #COLLECTION} counts the messages let through in it, never more than the limit. A permit is one atomic
 * conditional increment, {@code updateOne({_id: sender/slot, count < limit}, {$inc: {count: 1}})}; when it matches
 * nothing, the slot is either full (the refusal) or not there yet, and then this call inserts it with a count of one
 * (the unique {@code _id} lets one instance win a race to open it; the loser counts in it). No refusal is a failed
 * write. A refused caller waits for the next slot, at most {@code maxWait} in all, then gets a
 * {@link NoSlotException}, which {@link ProviderGuard} turns into a {@link ProviderUnavailableException} (nothing left; the
 * job is retried later) as it does the local limiter's refusal.
 * <p>
 * Written with majority write concern: an increment a failover rolled back would let that slot go over the limit. A
 * MongoDB that cannot answer refuses the permit (the send's ledger lives in the same database and could not be
 * written either). Old slots expire by the TTL index on {@code expireAt} on a real MongoDB, and each instance deletes
 * its sender's slots older than a minute, at most once a minute and in the background, when it opens a new slot (the
 * embedded stand-in has no TTL expiry). A send takes one round trip to MongoDB; two when its slot is full, three
 * when it opens the slot.
 */
public final class SendRateLimiter {

    public static final String COLLECTION = "send_rate_slots";

    /** Slots older than this are deleted: far more than any clock skew between instances. */
    static final Duration KEEP_SLOTS = Duration.ofMinutes(1);

    private final MongoCollection<Document> slots;
    private final String sender;
    private final int limit;
    private final long periodMillis;
    private final Duration maxWait;
    private final Clock clock;
    private final AtomicLong lastCleanup = new AtomicLong();

    /** Deletes old slots in the background, so that no send waits for it. */
    private static final Executor CLEANER = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("send-rate-slot-cleanup").factory());

    /**
     * @param sender  what the provider limits: the Twilio {@code From}, the FCM project id, the SMTP relay
     * @param limit   messages per {@code period} for this sender, across all instances
     * @param maxWait the longest a send waits for a slot with room before it is refused
     */
    public SendRateLimiter(MongoDatabase database, String sender, int limit, Duration period, Duration maxWait, Clock clock) {
        if (sender == null || sender.isBlank()) {
            throw new IllegalArgumentException("a send rate limit needs the sender it limits (the From, the project, the relay)");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("send rate limit for " + sender + " must be at least 1 per period, was " + limit);
        }
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("send rate period for " + sender + " must be at least 1 ms, was " + period);
        }
        this.slots = database.getCollection(COLLECTION).withWriteConcern(WriteConcern.MAJORITY);
        this.sender = sender;
        this.limit = limit;
        this.periodMillis = period.toMillis();
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /** The TTL index (a real MongoDB deletes expired slots) and the index the deletion of old slots uses. */
    public static void ensureIndexes(MongoDatabase database) {
        MongoCollection<Document> slots = database.getCollection(COLLECTION);
        slots.createIndex(Indexes.ascending("expireAt"), new IndexOptions().name("expireAt_ttl").expireAfter(0L, TimeUnit.SECONDS));
        slots.createIndex(Indexes.ascending("sender", "slot"), new IndexOptions().name("sender_slot"));
    }

    /**
     * Takes one permit for this sender, waiting for the next slot while the current one is full.
     *
     * @throws NoSlotException when no slot had room within {@code maxWait} (not retried within the call: the job is)
     * @throws ProviderUnavailableException when MongoDB could not count
     */
    public void acquire() {
        long deadline = clock.millis() + maxWait.toMillis();
        while (true) {
            long now = clock.millis();
            long slot = now - Math.floorMod(now, periodMillis);
            if (tryAcquire(slot)) {
                return;
            }
            long nextSlot = slot + periodMillis;
            if (nextSlot > deadline) {
                throw new NoSlotException("send rate limit of " + limit + " per " + periodMillis + " ms for sender "
                        + sender + " reached across all instances and no slot with room within " + maxWait);
            }
            sleepUntil(nextSlot);
        }
    }

    private boolean tryAcquire(long slot) {
        String id = sender + "/" + slot;
        for (int attempt = 1; ; attempt++) {
            try {
                if (slots.updateOne(Filters.and(Filters.eq("_id", id), Filters.lt("count", limit)), Updates.inc("count", 1))
                        .getMatchedCount() == 1) {
                    return true;
                }
                if (slots.find(Filters.eq("_id", id)).projection(Projections.include("_id")).first() != null) {
                    return false; // the slot is full
                }
                slots.insertOne(new Document("_id", id).append("sender", sender).append("slot", new Date(slot)).append("count", 1)
                        .append("expireAt", new Date(slot + KEEP_SLOTS.toMillis())));
                openedSlot(slot);
                return true;
            } catch (MongoException e) {
                if (!isDuplicateKey(e) || attempt == 2) {
                    throw new ProviderUnavailableException("send rate limit for sender " + sender + " could not be counted: " + e.getMessage(), e);
                }
                // another instance opened the slot between the look and the insert: count in it
            }
        }
    }

    /** This call opened a slot: once a minute, this instance clears the sender's old slots, off the send's path. */
    private void openedSlot(long slot) {
        long cleaned = lastCleanup.get();
        if (slot - cleaned >= KEEP_SLOTS.toMillis() && lastCleanup.compareAndSet(cleaned, slot)) {
            // the TTL index does it on a real MongoDB too; the embedded stand-in has none
            CLEANER.execute(() -> deleteOlderThan(slot - KEEP_SLOTS.toMillis()));
        }
    }

    private void deleteOlderThan(long slot) {
        try {
            slots.deleteMany(Filters.and(Filters.eq("sender", sender), Filters.lt("slot", new Date(slot))));
        } catch (MongoException ignored) {
            // an old slot left now is deleted a minute later, or by another instance
        }
    }

    /** No slot had room within the longest wait; {@link ProviderGuard} turns it into a {@link ProviderUnavailableException}. */
    public static final class NoSlotException extends RuntimeException {
        NoSlotException(String message) {
            super(message);
        }
    }

    private static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e.getCode() == 11000;
    }

    private void sleepUntil(long millis) {
        long wait = millis - clock.millis();
        if (wait <= 0) {
            return;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted while waiting for a send rate slot for sender " + sender, e);
        }
    }
}
