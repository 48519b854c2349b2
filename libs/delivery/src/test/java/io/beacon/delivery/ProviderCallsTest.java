package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.ReasonCode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

class ProviderCallsTest {

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void retriesATransportErrorAsAnUnavailableProvider() {
        String answer = ProviderCalls.guarded("Twilio", TestResilience.retry("t"), TestResilience.circuitBreaker("t"), () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ResourceAccessException("Connection reset");
            }
            return "SM0001";
        });

        assertThat(answer).isEqualTo("SM0001");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void neverRetriesARefusal() {
        assertThatThrownBy(() -> ProviderCalls.guarded("FCM", TestResilience.retry("f"), TestResilience.circuitBreaker("f"), () -> {
            attempts.incrementAndGet();
            throw new ProviderRejectedException(ReasonCode.PROVIDER_REJECTED, "FCM refused the message: 404 UNREGISTERED");
        })).isInstanceOf(ProviderRejectedException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void givesUpAsUnavailableOnceTheRetriesAreSpentOrTheBreakerIsOpen() {
        assertThatThrownBy(() -> ProviderCalls.guarded("Twilio", TestResilience.retry("t"), TestResilience.circuitBreaker("t"), () -> {
            attempts.incrementAndGet();
            throw new ResourceAccessException("Read timed out");
        })).isInstanceOf(ProviderUnavailableException.class).hasMessage("Twilio unreachable: Read timed out");
        assertThat(attempts).hasValue(3);

        var open = TestResilience.circuitBreaker("open");
        open.transitionToOpenState();
        assertThatThrownBy(() -> ProviderCalls.guarded("FCM", TestResilience.retry("f"), open, () -> "never called"))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageStartingWith("FCM circuit breaker is open");
    }
}
