package io.beacon.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * The send cannot finish now and must not be dropped: the worker fails the job with one retry less and a back-off,
 * so Zeebe tries again later and raises an incident when the retries run out.
 */
public class DeliveryDeferredException extends RuntimeException {

    private final Duration notBefore;
    private final boolean countsAsAttempt;
    private boolean mayHaveSent;

    public DeliveryDeferredException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** @param notBefore the shortest wait before the next try (a provider's {@code Retry-After}); null for the default */
    public DeliveryDeferredException(String message, Duration notBefore, Throwable cause) {
        this(message, notBefore, cause, true);
    }

    private DeliveryDeferredException(String message, Duration notBefore, Throwable cause, boolean countsAsAttempt) {
        super(message, cause);
        this.notBefore = notBefore;
        this.countsAsAttempt = countsAsAttempt;
    }

    /** The customer's quiet hours began since the send was planned: wait until they end, no retry used up. */
    public static DeliveryDeferredException quietHours(String message, Duration until) {
        return new DeliveryDeferredException(message, until, null, false);
    }

    /**
     * The message may have reached the provider (an uncertain outcome not settled yet, or a sent message whose outcome
     * is not out): when the retries run out this becomes an incident for a person, never a fallback to another channel.
     */
    public static DeliveryDeferredException uncertain(String message, Throwable cause) {
        return uncertain(message, null, cause);
    }

    /** @param notBefore the shortest wait before the next try (a provider's {@code Retry-After}); null for the default */
    public static DeliveryDeferredException uncertain(String message, Duration notBefore, Throwable cause) {
        var e = new DeliveryDeferredException(message, notBefore, cause, true);
        e.mayHaveSent = true;
        return e;
    }

    public boolean mayHaveSent() {
        return mayHaveSent;
    }

    /** Whether the wait uses up one of the job's retries (a failure does; quiet hours do not). */
    public boolean countsAsAttempt() {
        return countsAsAttempt;
    }

    public Optional<Duration> notBefore() {
        return Optional.ofNullable(notBefore);
    }
}
