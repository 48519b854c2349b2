package io.beacon.email;

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
 * Proves application.yml binds: the email settings validate and the Resilience4j instance {@code smtp} gets the
 * retry and breaker settings the component test assumes. No Zeebe worker; Kafka is never contacted because nothing
 * is published.
 */
// the repository's content folder, as ./beacon up gives it (the working directory here is the module's)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {"beacon.zeebe.enabled=false", "beacon.content.directory=../../content"})
class EmailApplicationContextTest {

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
    EmailProperties email;
    @Autowired
    RetryRegistry retries;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    EmailDelivery delivery;

    @Autowired
    io.beacon.delivery.LiveTemplates templates;

    @Test
    void bindsTheEmailSettingsAndTheRelayResilienceSettings() {
        assertThat(email.unsubscribeBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:8082/unsubscribe"));
        assertThat(templates.status().version()).as("the content folder loaded").isNotBlank();
        assertThat(templates.current().layout(java.util.Locale.ENGLISH, java.util.Map.of("unsubscribeUrl", "u", "profilingUrl", "p")).get("postal-address")).isNotBlank();
        var retry = retries.retry("smtp").getRetryConfig();
        assertThat(retry.getMaxAttempts()).isEqualTo(3);
        assertThat(retry.getExceptionPredicate().test(new ProviderUnavailableException("503"))).isTrue();
        assertThat(retry.getExceptionPredicate().test(new ProviderRejectedException(null, "400"))).isFalse();
        assertThat(breakers.circuitBreaker("smtp").getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(20);
        assertThat(delivery).isNotNull();
    }
}
