package io.beacon.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.delivery.InMemoryMongo;
import io.beacon.delivery.ProviderRejectedException;
import io.beacon.delivery.ProviderUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Proves application.yml binds: the provider settings validate and the Resilience4j instance {@code fcm} gets the
 * retry and breaker settings the component test assumes. No Zeebe worker; Kafka is never contacted because nothing
 * is published.
 */
// the repository's content folder, as ./beacon up gives it (the working directory here is the module's)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {"beacon.zeebe.enabled=false", "beacon.content.directory=../../content"})
class PushApplicationContextTest {

    private static final InMemoryMongo mongo = new InMemoryMongo();

    @DynamicPropertySource
    static void ledgerInMemory(DynamicPropertyRegistry registry) {
        registry.add("beacon.mongo.uri", mongo::uri);
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Autowired
    FcmProperties fcm;
    @Autowired
    RetryRegistry retries;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    PushDelivery delivery;

    @Test
    void bindsTheFcmProjectAndItsResilienceSettings() {
        assertThat(fcm.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8092"));
        assertThat(fcm.tokenUri()).isEqualTo(URI.create("http://127.0.0.1:8092/token"));
        var retry = retries.retry("fcm").getRetryConfig();
        assertThat(retry.getMaxAttempts()).isEqualTo(3);
        assertThat(retry.getExceptionPredicate().test(new ProviderUnavailableException("503"))).isTrue();
        assertThat(retry.getExceptionPredicate().test(new ProviderRejectedException(null, "400"))).isFalse();
        assertThat(breakers.circuitBreaker("fcm").getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(20);
        assertThat(delivery).isNotNull();
    }
}
