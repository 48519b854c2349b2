package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.delivery.InMemoryMongo;
import io.beacon.delivery.ProviderOutcomeUnknownException;
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
 * Proves application.yml binds: the provider settings validate and the Resilience4j instance {@code twilio} gets the
 * retry and breaker settings the component test assumes. No Zeebe worker; Kafka is never contacted because nothing
 * is published.
 */
// the repository's content folder, as ./beacon up gives it (the working directory here is the module's)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {"beacon.zeebe.enabled=false", "beacon.content.directory=../../content"})
class SmsApplicationContextTest {

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
    TwilioProperties twilio;
    @Autowired
    RetryRegistry retries;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    SmsDelivery delivery;
    @Autowired
    io.github.resilience4j.ratelimiter.RateLimiterRegistry rateLimiters;
    @Autowired
    io.github.resilience4j.bulkhead.BulkheadRegistry bulkheads;

    @Test
    void bindsTheTwilioAccountAndItsResilienceSettings() {
        assertThat(twilio.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8091"));
        assertThat(twilio.accountSid()).startsWith("AC");
        var retry = retries.retry("twilio").getRetryConfig();
        assertThat(retry.getMaxAttempts()).isEqualTo(3);
        assertThat(retry.getExceptionPredicate().test(new ProviderUnavailableException("503"))).isTrue();
        assertThat(retry.getExceptionPredicate().test(new ProviderRejectedException(null, "400"))).isFalse();
        assertThat(retry.getExceptionPredicate().test(new ProviderOutcomeUnknownException("read timed out", null))).isFalse();
        assertThat(breakers.circuitBreaker("twilio").getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(20);
        // one message per second per long code, from the sender's override of the shared default
        var rate = rateLimiters.rateLimiter("twilio").getRateLimiterConfig();
        assertThat(rate.getLimitForPeriod()).isEqualTo(1);
        assertThat(rate.getLimitRefreshPeriod()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(bulkheads.bulkhead("twilio").getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(16);
        assertThat(delivery).isNotNull();
    }

    @Autowired
    SmsKeywords keywords;

    @Test
    void bindsTheKeywordsOfEveryLanguage() {
        assertThat(keywords.locales()).containsExactlyInAnyOrder("en", "zh-CN", "es");
        assertThat(keywords.match("退订")).hasValueSatisfying(match -> assertThat(match.intent()).isEqualTo(SmsKeywords.Intent.STOP));
    }

    @Test
    void aKeywordListThatContradictsItselfRefusesTheStartNamingEachProblem() {
        // a list replaces the shipped one whole: English, and a Spanish list that reuses STOP and misspells a placeholder
        // as command-line arguments, which override application.yml (a list is replaced whole)
        String[] arguments = {"--beacon.zeebe.enabled=false", "--beacon.content.directory=../../content", "--beacon.mongo.uri=" + mongo.uri(),
                "--beacon.sms.keywords.languages[0].locale=en", "--beacon.sms.keywords.languages[0].stop=STOP",
                "--beacon.sms.keywords.languages[0].replies.stop=ok", "--beacon.sms.keywords.languages[0].replies.start=ok",
                "--beacon.sms.keywords.languages[0].replies.help=Reply STOP",
                "--beacon.sms.keywords.languages[1].locale=es", "--beacon.sms.keywords.languages[1].stop=BAJA,stop",
                "--beacon.sms.keywords.languages[1].replies.stop={banco}: baja", "--beacon.sms.keywords.languages[1].replies.start=alta",
                "--beacon.sms.keywords.languages[1].replies.help=Responda BAJA"};
        var application = new org.springframework.boot.builder.SpringApplicationBuilder(SmsApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> application.run(arguments))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("beacon.sms.keywords refused, 2 problem(s): languages[1] (es).stop: 'stop' is already a STOP word of en ('STOP')"
                        + ": a keyword must mean one thing in one language; languages[1] (es).replies.stop has the unknown placeholder {banco}"
                        + " (known: [bankName, helpContact])");
    }
}
