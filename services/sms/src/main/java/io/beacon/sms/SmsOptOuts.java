package io.beacon.sms;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.beacon.platform.ContactPointProtection;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;

/**
 * The numbers whose opt-out has been confirmed, one document per number in {@code sms_opt_outs}, keyed by the number's
 * blind index (never the number): at most one confirmation per opt-out (CTIA), across restarts and sms instances,
 * whichever way the opt-out came (a STOP, the same STOP delivered twice, Twilio's 21610). A START reopens it.
 */
public class SmsOptOuts {

    static final String COLLECTION = "sms_opt_outs";

    private final MongoCollection<Document> optOuts;
    private final ContactPointProtection protection;
    private final Clock clock;

    public SmsOptOuts(MongoDatabase database, ContactPointProtection protection, Clock clock) {
        this.optOuts = database.getCollection(COLLECTION);
        this.protection = protection;
        this.clock = clock;
    }

    /**
     * Records the number as confirmed; true only for the one caller that recorded it first (who then sends the
     * confirmation), false when it was confirmed before. One insert on the unique {@code _id}: two instances handling
     * two STOPs at once cannot both win.
     *
     * @param source what confirmed it: {@code STOP} (Beacon's reply), {@code twilio-21610} (Twilio refused a send:
     *               the number opted out at Twilio, which confirmed it itself)
     */
    public boolean claimConfirmation(String phone, String source) {
        try {
            optOuts.insertOne(new Document("_id", protection.blindIndex("phone", phone))
                    .append("source", source)
                    .append("confirmedAt", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The number opted back in: its next opt-out is confirmed again. */
    public void reopen(String phone) {
        optOuts.deleteOne(Filters.eq("_id", protection.blindIndex("phone", phone)));
    }
}
