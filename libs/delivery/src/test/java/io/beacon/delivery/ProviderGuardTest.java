package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.ReasonCode;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

class ProviderGuardTest {

    private final AtomicInteger attempts = new AtomicInteger();
    private final ProviderGuard twilio = TestResilience.guard("Twilio");

    @Test
    void retriesAConnectionThatWasNeverMade() {
        String answer = twilio.send(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ResourceAccessException("I/O error", new ConnectException("Connection refused"));
            }
            return "SM0001";
        });

        assertThat(answer).isEqualTo("SM0001");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void neverRetriesASendWhoseRequestLeftWithoutAnAnswer() {
        assertThatThrownBy(() -> twilio.send(() -> {
            attempts.incrementAndGet();
            throw new ResourceAccessException("Read timed out", new IOException("request timed out"));
        })).isInstanceOf(ProviderOutcomeUnknownException.class).hasMessageStartingWith("Twilio gave no answer after the request left");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void retriesAReadWhateverTheTransportError() {
        String answer = twilio.read(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ResourceAccessException("Connection reset");
            }
            return "delivered";
        });

        assertThat(answer).isEqualTo("delivered");
    }

    @Test
    void neverRetriesARefusal() {
        assertThatThrownBy(() -> TestResilience.guard("FCM").send(() -> {
            attempts.incrementAndGet();
            throw new ProviderRejectedException(ReasonCode.PROVIDER_REJECTED, "FCM refused the message: 404 UNREGISTERED");
        })).isInstanceOf(ProviderRejectedException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void waitsAtLeastWhatRetryAfterAsksFor() {
        long started = System.nanoTime();
        String answer = twilio.send(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ProviderUnavailableException("Twilio answered 429", Duration.ofMillis(700), null);
            }
            return "SM0002";
        });

        assertThat(answer).isEqualTo("SM0002");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void leavesARetryAfterLongerThanAJobShouldWaitToZeebe() {
        assertThatThrownBy(() -> twilio.send(() -> {
            attempts.incrementAndGet();
            throw new ProviderUnavailableException("Twilio answered 429", Duration.ofMinutes(5), null);
        })).isInstanceOfSatisfying(ProviderUnavailableException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(5)));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void givesUpAsUnavailableOnceTheRetriesAreSpentOrTheBreakerIsOpen() {
        assertThatThrownBy(() -> twilio.send(() -> {
            attempts.incrementAndGet();
            throw new ProviderUnavailableException("Twilio answered 503");
        })).isInstanceOf(ProviderUnavailableException.class).hasMessage("Twilio answered 503");
        assertThat(attempts).hasValue(3);

        var open = TestResilience.circuitBreaker("open");
        open.transitionToOpenState();
        var guard = TestResilience.guard("FCM", open, io.github.resilience4j.ratelimiter.RateLimiter.ofDefaults("fcm"));
        assertThatThrownBy(() -> guard.send(() -> "never called"))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageStartingWith("FCM circuit breaker is open");
    }

    @Test
    void holdsTheConfiguredRate() {
        var limiter = io.github.resilience4j.ratelimiter.RateLimiter.of("sms-long-code",
                io.github.resilience4j.ratelimiter.RateLimiterConfig.custom().limitForPeriod(1)
                        .limitRefreshPeriod(Duration.ofMillis(200)).timeoutDuration(Duration.ofSeconds(2)).build());
        var guard = TestResilience.guard("Twilio", TestResilience.circuitBreaker("rate"), limiter);
        long started = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            guard.send(attempts::incrementAndGet);
        }
        // four permits at one per 200 ms: at least three refresh periods
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(550));
    }
}
