package io.beacon.delivery;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.function.Predicate;
import org.springframework.web.client.RestClientException;

/**
 * The one way a provider client calls out: the Resilience4j instances named after the provider ({@code twilio},
 * {@code fcm}, {@code smtp}) in the order retry → rate limiter → (cluster send rate) → bulkhead → (send gate) → circuit
 * breaker → call. Every attempt takes a rate permit (each is a request the provider counts) and counts towards the
 * breaker; an open breaker ends the retries. A {@link #send} also takes a permit of the sender's cluster-wide rate
 * ({@link SendRateLimiter}, shared by all instances through MongoDB, ADR 0036). Time limits are the HTTP clients' own timeouts ({@link HttpClients}), which end the request itself.
 * <p>
 * What leaves: the call's own {@link ProviderRejectedException} (never retried); {@link ProviderUnavailableException}
 * when nothing was taken (retried with exponential back-off and jitter, at least the provider's {@code Retry-After});
 * for a {@link #send send}, {@link ProviderOutcomeUnknownException} when the request left and no answer came back
 * (never retried here: ADR 0011); from the send gate ({@link SendGate}, ADR 0015) {@link SendRefusedException} when consent
 * was withdrawn and {@link DeliveryDeferredException} when the consent service could not answer, neither retried here.
 */
public final class ProviderGuard {

    /** A Retry-After longer than this is not waited out inside a job: the job is failed and Zeebe waits instead. */
    public static final Duration MAX_RETRY_AFTER_IN_CALL = Duration.ofSeconds(10);

    private final String provider;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;
    private final SendRateLimiter sendRate;

    /** A guard without a cluster-wide send rate (tests of one instance); a sender's guard has one, {@link #of}. */
    public ProviderGuard(String provider, Retry retry, CircuitBreaker circuitBreaker, RateLimiter rateLimiter, Bulkhead bulkhead) {
        this(provider, retry, circuitBreaker, rateLimiter, bulkhead, null);
    }

    /**
     * @param sendRate the provider's limit for this sender across all instances (ADR 0036), taken by every attempt of a
     *                 {@link #send} after the local rate limiter; null for none
     */
    public ProviderGuard(String provider, Retry retry, CircuitBreaker circuitBreaker, RateLimiter rateLimiter, Bulkhead bulkhead,
                         SendRateLimiter sendRate) {
        this.provider = provider;
        this.retry = honouringRetryAfter(retry);
        this.circuitBreaker = circuitBreaker;
        this.rateLimiter = rateLimiter;
        this.bulkhead = bulkhead;
        this.sendRate = sendRate;
    }

    /**
     * The provider's guard from the registries Spring Boot configures: {@code resilience4j.*.configs.default} from
     * {@code beacon-delivery-defaults.yml}, overridden per instance in the sender's application.yml.
     */
    public static ProviderGuard of(String provider, String instance, RetryRegistry retries, CircuitBreakerRegistry breakers,
                                   RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads, SendRates sendRates) {
        return new ProviderGuard(provider, retries.retry(instance), breakers.circuitBreaker(instance),
                rateLimiters.rateLimiter(instance), bulkheads.bulkhead(instance), sendRates.limiter(instance));
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** A call that may create a message at the provider: an error after the request left is an unknown outcome. */
    public <T> T send(CheckedSupplier<T> call) {
        return guarded(call, true);
    }

    /** A call that changes nothing at the provider (a status lookup): any transport error may simply be retried. */
    public <T> T read(CheckedSupplier<T> call) {
        return guarded(call, false);
    }

    private <T> T guarded(CheckedSupplier<T> call, boolean createsMessage) {
        CheckedSupplier<T> transportSafe = () -> {
            try {
                return call.get();
            } catch (RestClientException e) {
                // The cause only: Spring's own message quotes the URL, and a lookup's URL can carry a phone number.
                String why = String.valueOf(e.getMostSpecificCause());
                if (createsMessage && !neverLeft(e)) {
                    throw new ProviderOutcomeUnknownException(provider + " gave no answer after the request left: " + why, e);
                }
                throw new ProviderUnavailableException(provider + " unreachable: " + why, e);
            }
        };
        CheckedSupplier<T> breaker = CircuitBreaker.decorateCheckedSupplier(circuitBreaker, transportSafe);
        // A call that may create a message goes through the send gate (the opt-out fence, SendGate) once the rate
        // limiter and bulkhead let it go, right before the request; outside the breaker, so that a consent refusal or
        // an unreachable consent service never counts against the provider.
        CheckedSupplier<T> attempt = createsMessage ? () -> SendGate.pass(breaker) : breaker;
        CheckedSupplier<T> bulkheaded = Bulkhead.decorateCheckedSupplier(bulkhead, attempt);
        // A message takes a permit of the sender's cluster-wide rate too (ADR 0036), after this instance's own limiter:
        // one instance never asks MongoDB for more than its local share; a read changes nothing and takes none.
        CheckedSupplier<T> rated = createsMessage && sendRate != null ? () -> {
            sendRate.acquire();
            return bulkheaded.get();
        } : bulkheaded;
        CheckedSupplier<T> guarded = Retry.decorateCheckedSupplier(retry, RateLimiter.decorateCheckedSupplier(rateLimiter, rated));
        try {
            return guarded.get();
        } catch (ProviderRejectedException | ProviderUnavailableException | ProviderOutcomeUnknownException
                 | SendRefusedException | DeliveryDeferredException e) {
            throw e;
        } catch (CallNotPermittedException e) {
            throw new ProviderUnavailableException(provider + " circuit breaker is open: " + e.getMessage(), e);
        } catch (RequestNotPermitted e) {
            throw new ProviderUnavailableException(provider + " rate limit reached and no permit within the wait: " + e.getMessage(), e);
        } catch (SendRateLimiter.NoSlotException e) {
            throw new ProviderUnavailableException(provider + " " + e.getMessage(), e);
        } catch (BulkheadFullException e) {
            throw new ProviderUnavailableException(provider + " bulkhead full: " + e.getMessage(), e);
        } catch (Throwable e) {
            throw new ProviderUnavailableException(provider + " call failed: " + e, e);
        }
    }

    /** Failures that happen before a byte of the request is written: nothing can have reached the provider. */
    static boolean neverLeft(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The configured back-off (exponential with jitter from the yml), but never shorter than the provider's
     * Retry-After, and no retry at all within the call when the provider asks for more than
     * {@link #MAX_RETRY_AFTER_IN_CALL}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Retry honouringRetryAfter(Retry configured) {
        RetryConfig base = configured.getRetryConfig();
        IntervalBiFunction<Object> backoff = base.getIntervalBiFunction();
        Predicate<Throwable> retryable = base.getExceptionPredicate();
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(base.getMaxAttempts())
                .failAfterMaxAttempts(base.isFailAfterMaxAttempts())
                .retryOnException(t -> retryable.test(t) && !(t instanceof ProviderUnavailableException e
                        && e.retryAfter().filter(wait -> wait.compareTo(MAX_RETRY_AFTER_IN_CALL) > 0).isPresent()))
                .intervalBiFunction((IntervalBiFunction) (attempt, either) -> {
                    long wait = backoff.apply((Integer) attempt, (io.github.resilience4j.core.functions.Either<Throwable, Object>) either);
                    var result = (io.github.resilience4j.core.functions.Either<Throwable, Object>) either;
                    if (result.isLeft() && result.getLeft() instanceof ProviderUnavailableException e && e.retryAfter().isPresent()) {
                        return Math.max(wait, e.retryAfter().get().toMillis());
                    }
                    return wait;
                })
                .build();
        return Retry.of(configured.getName(), config);
    }
}
