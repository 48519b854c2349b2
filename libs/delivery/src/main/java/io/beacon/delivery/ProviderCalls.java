package io.beacon.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import org.springframework.web.client.RestClientException;

/** The one way an HTTP provider client calls out, so every provider gets the same retry, breaker and error rules. */
public final class ProviderCalls {

    private ProviderCalls() {
    }

    /**
     * Runs the call with the retry outside the circuit breaker, so every attempt counts towards the breaker and an
     * open breaker ends the retries. Whatever goes wrong leaves as {@link ProviderRejectedException} (thrown by the
     * call, never retried) or {@link ProviderUnavailableException}.
     *
     * @param provider how messages name the provider: "Twilio unreachable", "FCM circuit breaker is open"
     */
    public static <T> T guarded(String provider, Retry retry, CircuitBreaker circuitBreaker, CheckedSupplier<T> call) {
        CheckedSupplier<T> transportSafe = () -> {
            try {
                return call.get();
            } catch (RestClientException e) {
                // Connection refused, reset or timed out: the message may or may not have left, like a 5xx.
                throw new ProviderUnavailableException(provider + " unreachable: " + e.getMessage(), e);
            }
        };
        try {
            return Retry.decorateCheckedSupplier(retry, CircuitBreaker.decorateCheckedSupplier(circuitBreaker, transportSafe)).get();
        } catch (ProviderRejectedException | ProviderUnavailableException e) {
            throw e;
        } catch (CallNotPermittedException e) {
            throw new ProviderUnavailableException(provider + " circuit breaker is open: " + e.getMessage(), e);
        } catch (Throwable e) {
            throw new ProviderUnavailableException(provider + " call failed: " + e, e);
        }
    }
}
