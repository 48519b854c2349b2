package io.beacon.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * The send cannot finish now and must not be dropped: the worker fails the job with one retry less and a back-off,
 * so Zeebe tries again later and raises an incident when the retries run out.
 */
public class DeliveryDeferredException extends RuntimeException {

    private final Duration notBefore;

    public DeliveryDeferredException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** @param notBefore the shortest wait before the next try (a provider's {@code Retry-After}); null for the default */
    public DeliveryDeferredException(String message, Duration notBefore, Throwable cause) {
        super(message, cause);
        this.notBefore = notBefore;
    }

    public Optional<Duration> notBefore() {
        return Optional.ofNullable(notBefore);
    }
}
