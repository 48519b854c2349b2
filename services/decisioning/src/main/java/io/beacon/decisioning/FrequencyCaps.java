package io.beacon.decisioning;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.ReasonCode;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Optional;
import org.bson.Document;

/**
 * Frequency caps across every journey and channel: at most {@code perDay} marketing messages a day and {@code perWeek}
 * a week per customer, counted in the customer's own calendar. A slot is taken with one atomic conditional update per
 * period, so two journeys racing for a customer's last slot cannot both get it, on the embedded server or a replica set.
 */
public class FrequencyCaps {

    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> reservations;
    private final int perDay;
    private final int perWeek;

    public FrequencyCaps(MongoDatabase database, int perDay, int perWeek) {
        this.counters = database.getCollection("contact_counters");
        this.reservations = database.getCollection("contact_reservations");
        this.perDay = perDay;
        this.perWeek = perWeek;
    }

    /**
     * Takes a slot once per reservation key (a journey step): a retried job gets the answer it got the first time
     * instead of a second slot.
     */
    public Optional<ReasonCode> reserveOnce(String reservationKey, String customerId, LocalDate localDate) {
        Document earlier = reservations.find(Filters.eq("_id", reservationKey)).first();
        if (earlier != null) {
            return earlier.getBoolean("granted") ? Optional.empty() : Optional.of(ReasonCode.FREQUENCY_CAP);
        }
        var result = reserve(customerId, localDate);
        reservations.insertOne(new Document("_id", reservationKey).append("customerId", customerId)
                .append("date", localDate.toString()).append("granted", result.isEmpty()));
        return result;
    }

    /**
     * Takes a slot for a message on {@code localDate} (the customer's date of the planned send).
     *
     * @return empty when taken, or FREQUENCY_CAP when the day or the week is full
     */
    public Optional<ReasonCode> reserve(String customerId, LocalDate localDate) {
        String week = customerId + "|" + localDate.get(IsoFields.WEEK_BASED_YEAR) + "-W" + localDate.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        String day = customerId + "|" + localDate;
        if (!take(week, perWeek)) {
            return Optional.of(ReasonCode.FREQUENCY_CAP);
        }
        if (!take(day, perDay)) {
            // give back the week's slot: the message will not be sent
            counters.updateOne(Filters.eq("_id", week), Updates.inc("count", -1));
            return Optional.of(ReasonCode.FREQUENCY_CAP);
        }
        return Optional.empty();
    }

    /** Gives a slot back, when the message it was taken for is not sent after all. */
    public void release(String customerId, LocalDate localDate) {
        String week = customerId + "|" + localDate.get(IsoFields.WEEK_BASED_YEAR) + "-W" + localDate.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        counters.updateOne(Filters.and(Filters.eq("_id", week), Filters.gt("count", 0)), Updates.inc("count", -1));
        counters.updateOne(Filters.and(Filters.eq("_id", customerId + "|" + localDate), Filters.gt("count", 0)), Updates.inc("count", -1));
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
