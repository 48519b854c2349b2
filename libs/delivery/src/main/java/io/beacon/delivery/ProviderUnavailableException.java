package io.beacon.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider did not take the message and said so, or the request never left (429, 5xx, connection refused, a
 * refused access token, breaker open, rate limiter or bulkhead full): worth retrying, nothing was sent.
 */
public class ProviderUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public ProviderUnavailableException(String message) {
        this(message, null, null);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** @param retryAfter what the provider asked for (HTTP {@code Retry-After}); null when it did not say */
    public ProviderUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
