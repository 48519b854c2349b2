package io.beacon.delivery;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;

/** The cluster-wide send rates of one sender service, in its own database (ADR 0036). */
public final class SendRates {

    private final SendRateProperties properties;
    private final MongoDatabase database;
    private final Clock clock;

    /** Ensures the slots' indexes. */
    public SendRates(SendRateProperties properties, MongoDatabase database, Clock clock) {
        this.properties = properties;
        this.database = database;
        this.clock = clock;
        SendRateLimiter.ensureIndexes(database);
    }

    /**
     * The cluster-wide limiter of a provider instance ({@code twilio}, {@code fcm}, {@code smtp}); a sender without one
     * configured does not start, since each of its instances would send at the provider's full rate.
     */
    public SendRateLimiter limiter(String instance) {
        SendRateProperties.Rate rate = properties.sendRates().get(instance);
        if (rate == null) {
            throw new IllegalStateException("beacon.delivery.send-rates." + instance + " is not configured: the provider's rate limit "
                    + "per sender (sender, limit) must be shared by all instances (ADR 0036)");
        }
        return new SendRateLimiter(database, rate.sender(), rate.limit(), rate.period(), rate.maxWait(), clock);
    }
}
