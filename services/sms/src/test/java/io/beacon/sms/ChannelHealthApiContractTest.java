package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.api.channels.ChannelHealthApi;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@link ChannelHealthApi}: each provider guard as it stands, through the typed client. It refuses nothing. */
class ChannelHealthApiContractTest extends SmsApiContract {

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void theProviderGuardsCircuitAndRateLimiter() {
        breakers.circuitBreaker("twilio");

        var providers = api(ChannelHealthApi.class).providers();

        assertThat(providers).anySatisfy(provider -> {
            assertThat(provider.name()).isEqualTo("twilio");
            assertThat(provider.circuit()).isEqualTo("CLOSED");
            assertThat(provider.failureRate()).isEqualTo(-1f);
            assertThat(provider.bufferedCalls()).isZero();
            assertThat(provider.rateLimitPermits()).isEqualTo(1);
            assertThat(provider.rateLimitWaiting()).isZero();
        });
    }
}
