package io.beacon.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/** The senders' production Resilience4j settings (their application.yml) with waits short enough for a test. */
public final class TestResilience {

    private TestResilience() {
    }

    public static Retry retry(String name) {
        return Retry.of(name, RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(10), 2))
                .retryExceptions(ProviderUnavailableException.class)
                .ignoreExceptions(ProviderRejectedException.class)
                .build());
    }

    public static CircuitBreaker circuitBreaker(String name) {
        return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .recordExceptions(ProviderUnavailableException.class)
                .ignoreExceptions(ProviderRejectedException.class)
                .build());
    }
}
