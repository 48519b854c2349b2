package io.beacon.decisioning.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.beacon.decisioning.policy.CapCounters;
import io.beacon.decisioning.policy.FrequencyCaps;
import java.time.LocalDate;
import org.bson.Document;

/**
 * The {@link FrequencyCaps}' counters in {@code contact_counters} (id: customer, optionally channel, and period; a
 * {@code count}) and the answer of each reservation key in {@code contact_reservations}. A slot is taken with one
 * atomic conditional upsert: a full counter makes it collide on {@code _id}, on the embedded server or a replica set.
 */
public class FrequencyCapStore implements CapCounters {

    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> reservations;

    public FrequencyCapStore(MongoDatabase database) {
        this.counters = database.getCollection("contact_counters");
        this.reservations = database.getCollection("contact_reservations");
    }

    /** Increments the period's counter if it is below the cap; a full counter makes the upsert collide on _id. */
    @Override
    public boolean take(String counter, int cap) {
        try {
            counters.updateOne(Filters.and(Filters.eq("_id", counter), Filters.lt("count", cap)),
                    Updates.inc("count", 1), new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void giveBack(String counter) {
        counters.updateOne(Filters.and(Filters.eq("_id", counter), Filters.gt("count", 0)), Updates.inc("count", -1));
    }

    /** One insert: a key recorded before collides on {@code _id}, and its record stays as it was. */
    @Override
    public boolean recordOnce(String reservationKey, String customerId, LocalDate localDate, boolean granted) {
        try {
            reservations.insertOne(new Document("_id", reservationKey).append("customerId", customerId)
                    .append("date", localDate.toString()).append("granted", granted));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    @Override
    public boolean granted(String reservationKey) {
        Document earlier = reservations.find(Filters.eq("_id", reservationKey)).first();
        return earlier != null && earlier.getBoolean("granted", false);
    }
}
