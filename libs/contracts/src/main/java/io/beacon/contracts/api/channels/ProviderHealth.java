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
 * @param reputation        the sender's bounce and complaint rates (email); null for a provider without them
 */
public record ProviderHealth(String name, String circuit, float failureRate, int bufferedCalls, int failedCalls, long notPermittedCalls,
                             int rateLimitPermits, int rateLimitWaiting, SenderReputation reputation) {

    /** A provider without bounce and complaint rates (SMS, push). */
    public ProviderHealth(String name, String circuit, float failureRate, int bufferedCalls, int failedCalls, long notPermittedCalls,
                          int rateLimitPermits, int rateLimitWaiting) {
        this(name, circuit, failureRate, bufferedCalls, failedCalls, notPermittedCalls, rateLimitPermits, rateLimitWaiting, null);
    }
}
