package io.beacon.delivery;

import io.beacon.contracts.api.channels.ChannelHealthApi;
import io.beacon.contracts.api.channels.ProviderHealth;
import io.beacon.contracts.api.channels.SenderReputation;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/channel-health}: each provider guard's circuit breaker and rate limiter as they stand, for the
 * console's channel-health view (marketing ops see a provider failing before the funnel shows it).
 */
@RestController
public class ChannelHealth implements ChannelHealthApi {

    /** A sender's reputation with the mailbox providers, by provider guard (the email service's, ADR 0034). */
    @FunctionalInterface
    public interface Reputations {
        /** Null for a guard without one. */
        SenderReputation of(String guard);
    }

    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry rateLimiters;
    private Reputations reputations = guard -> null;

    public ChannelHealth(CircuitBreakerRegistry breakers, RateLimiterRegistry rateLimiters) {
        this.breakers = breakers;
        this.rateLimiters = rateLimiters;
    }

    /** Spring injects the service's reputations when it has any. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void useReputations(Reputations reputations) {
        this.reputations = reputations;
    }

    @Override
    public List<ProviderHealth> providers() {
        var providers = new ArrayList<ProviderHealth>();
        breakers.getAllCircuitBreakers().stream()
                .sorted(java.util.Comparator.comparing(io.github.resilience4j.circuitbreaker.CircuitBreaker::getName))
                .forEach(breaker -> {
                    var metrics = breaker.getMetrics();
                    var limiter = rateLimiters.find(breaker.getName());
                    providers.add(new ProviderHealth(breaker.getName(), breaker.getState().name(), metrics.getFailureRate(),
                            metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(), metrics.getNumberOfNotPermittedCalls(),
                            limiter.map(l -> l.getMetrics().getAvailablePermissions()).orElse(-1),
                            limiter.map(l -> l.getMetrics().getNumberOfWaitingThreads()).orElse(0), reputations.of(breaker.getName())));
                });
        return providers;
    }
}
