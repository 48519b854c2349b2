package io.beacon.delivery;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/**
 * The shared production Resilience4j settings ({@code beacon-delivery-defaults.yml}) with waits short enough for a
 * test and no rate limit unless one is asked for.
 */
public final class TestResilience {

    private TestResilience() {
    }

    public static ProviderGuard guard(String provider) {
        return guard(provider, circuitBreaker(provider), RateLimiter.of(provider, RateLimiterConfig.custom()
                .limitForPeriod(10_000).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(5)).build()));
    }

    public static ProviderGuard guard(String provider, CircuitBreaker breaker, RateLimiter rateLimiter) {
        return new ProviderGuard(provider, retry(provider), breaker, rateLimiter,
                Bulkhead.of(provider, BulkheadConfig.custom().maxConcurrentCalls(16).maxWaitDuration(Duration.ofSeconds(5)).build()));
    }

    public static Retry retry(String name) {
        return Retry.of(name, RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(10), 2, 0.5))
                .retryExceptions(ProviderUnavailableException.class)
                .ignoreExceptions(ProviderRejectedException.class, ProviderOutcomeUnknownException.class)
                .build());
    }

    public static CircuitBreaker circuitBreaker(String name) {
        return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .recordExceptions(ProviderUnavailableException.class, ProviderOutcomeUnknownException.class)
                .ignoreExceptions(ProviderRejectedException.class)
                .build());
    }
}
