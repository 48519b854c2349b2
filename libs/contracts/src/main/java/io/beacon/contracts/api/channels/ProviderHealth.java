package io.beacon.contracts.api.channels;

/**
 * One provider guard's circuit breaker and rate limiter.
 *
 * @param name              the provider guard
 * @param circuit           the breaker's state: {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}...
 * @param failureRate       percentage of failed calls in the breaker's window, -1 until enough calls were made
 * @param bufferedCalls     calls in the breaker's window
 * @param failedCalls       failed calls in the window
 * @param notPermittedCalls calls refused while the circuit was open
 * @param rateLimitPermits  permits left in the rate limiter's period; -1 without a rate limiter
 * @param rateLimitWaiting  sends waiting for a rate-limit permit right now
 */
public record ProviderHealth(String name, String circuit, float failureRate, int bufferedCalls, int failedCalls, long notPermittedCalls,
                             int rateLimitPermits, int rateLimitWaiting) {
}
