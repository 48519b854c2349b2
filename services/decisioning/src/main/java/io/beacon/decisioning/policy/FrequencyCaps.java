package io.beacon.decisioning.policy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.ReasonCode;
import io.beacon.decisioning.ContactPolicyProperties;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Frequency caps across every journey and channel: at most {@code perDay} marketing messages a day and {@code perWeek}
 * a week per customer, counted in the customer's own calendar; and, per channel, optional caps of that channel alone
 * on top. A slot is taken with one atomic conditional update per period and counter, so two journeys racing for a
 * customer's last slot cannot both get it, on the embedded server or a replica set; a message refused by one counter
 * gives back what the others gave it.
 */
public class FrequencyCaps {

    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> reservations;
    private final int perDay;
    private final int perWeek;
    private final java.util.Map<String, ContactPolicyProperties.Limits> perChannel;

    public FrequencyCaps(MongoDatabase database, int perDay, int perWeek) {
        this(database, perDay, perWeek, java.util.Map.of());
    }

    public FrequencyCaps(MongoDatabase database, int perDay, int perWeek, java.util.Map<String, ContactPolicyProperties.Limits> perChannel) {
        this.counters = database.getCollection("contact_counters");
        this.reservations = database.getCollection("contact_reservations");
        this.perDay = perDay;
        this.perWeek = perWeek;
        this.perChannel = java.util.Map.copyOf(perChannel);
    }

    /**
     * Takes a slot once per reservation key (a journey step): a retried job gets the answer it got the first time
     * instead of a second slot.
     */
    public Optional<ReasonCode> reserveOnce(String reservationKey, String customerId, LocalDate localDate) {
        return reserveOnce(reservationKey, customerId, null, localDate);
    }

    /**
     * As {@link #reserveOnce(String, String, LocalDate)}, counting the channel's own caps too. The slot is taken first and
     * the reservation recorded after, so a first run (nearly every run) reads nothing; a retried step finds its key taken,
     * gives back the slot it just took and answers what its first run was answered.
     */
    public Optional<ReasonCode> reserveOnce(String reservationKey, String customerId, String channel, LocalDate localDate) {
        var result = reserve(customerId, channel, localDate);
        try {
            reservations.insertOne(new Document("_id", reservationKey).append("customerId", customerId)
                    .append("date", localDate.toString()).append("granted", result.isEmpty()));
            return result;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            if (result.isEmpty()) {
                release(customerId, channel, localDate);
            }
            Document earlier = reservations.find(Filters.eq("_id", reservationKey)).first();
            return earlier != null && earlier.getBoolean("granted", false) ? Optional.empty() : Optional.of(ReasonCode.FREQUENCY_CAP);
        }
    }

    /**
     * Takes a slot for a message on {@code localDate} (the customer's date of the planned send), global caps only.
     *
     * @return empty when taken, or FREQUENCY_CAP when the day or the week is full
     */
    public Optional<ReasonCode> reserve(String customerId, LocalDate localDate) {
        return reserve(customerId, null, localDate);
    }

    /**
     * Takes a slot of the global caps and, when the channel has caps of its own, of the channel's: the week, then the
     * day, globally, then for the channel. A full counter refuses the message and every slot already taken for it is
     * given back.
     *
     * @return empty when taken, or FREQUENCY_CAP when a day or week, global or of the channel, is full
     */
    public Optional<ReasonCode> reserve(String customerId, String channel, LocalDate localDate) {
        var taken = new java.util.ArrayList<String>();
        for (var counter : countersOf(customerId, channel, localDate)) {
            if (!take(counter.getKey(), counter.getValue())) {
                taken.forEach(id -> counters.updateOne(Filters.and(Filters.eq("_id", id), Filters.gt("count", 0)), Updates.inc("count", -1)));
                return Optional.of(ReasonCode.FREQUENCY_CAP);
            }
            taken.add(counter.getKey());
        }
        return Optional.empty();
    }

    /** Gives a slot back, global and of the channel, when the message it was taken for is not sent after all. */
    public void release(String customerId, String channel, LocalDate localDate) {
        for (var counter : countersOf(customerId, channel, localDate)) {
            counters.updateOne(Filters.and(Filters.eq("_id", counter.getKey()), Filters.gt("count", 0)), Updates.inc("count", -1));
        }
    }

    /** The counters a message counts against, in the order they are taken: id to cap. */
    private List<java.util.Map.Entry<String, Integer>> countersOf(String customerId, String channel, LocalDate localDate) {
        String week = localDate.get(IsoFields.WEEK_BASED_YEAR) + "-W" + localDate.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        var list = new java.util.ArrayList<java.util.Map.Entry<String, Integer>>();
        list.add(java.util.Map.entry(customerId + "|" + week, perWeek));
        list.add(java.util.Map.entry(customerId + "|" + localDate, perDay));
        var own = channel == null ? null : perChannel.get(channel);
        if (own != null) {
            list.add(java.util.Map.entry(customerId + "|" + channel + "|" + week, own.perWeek()));
            list.add(java.util.Map.entry(customerId + "|" + channel + "|" + localDate, own.perDay()));
        }
        return list;
    }

    /** Increments the period's counter if it is below the cap; a full counter makes the upsert collide on _id. */
    private boolean take(String period, int cap) {
        if (cap <= 0) {
            return false;
        }
        try {
            counters.updateOne(Filters.and(Filters.eq("_id", period), Filters.lt("count", cap)),
                    Updates.inc("count", 1), new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
