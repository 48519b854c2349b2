package io.beacon.push;

import com.mongodb.client.MongoDatabase;
import io.beacon.platform.OutcomePublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Explicit wiring of the sender; the Resilience4j instances named {@code fcm} come from application.yml. */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DeliveryLedger deliveryLedger(MongoDatabase database, Clock clock) {
        var ledger = new DeliveryLedger(database, clock);
        ledger.ensureIndexes();
        return ledger;
    }

    @Bean
    ConsentClient consentClient(ServicesProperties services) {
        return new ConsentClient(HttpClients.restClient(services.consentUrl(), services.timeout(), services.timeout()));
    }

    @Bean
    ProfilesClient profilesClient(ServicesProperties services) {
        return new ProfilesClient(HttpClients.restClient(services.profilesUrl(), services.timeout(), services.timeout()));
    }

    @Bean
    FcmAccessTokens fcmAccessTokens(FcmProperties fcm, Clock clock) {
        return new FcmAccessTokens(HttpClients.restClient(fcm.tokenUri(), fcm.connectTimeout(), fcm.readTimeout()), fcm, clock);
    }

    @Bean
    FcmClient fcmClient(FcmProperties fcm, FcmAccessTokens tokens, RetryRegistry retries, CircuitBreakerRegistry breakers) {
        return new FcmClient(HttpClients.restClient(fcm.baseUrl(), fcm.connectTimeout(), fcm.readTimeout()), fcm, tokens,
                retries.retry("fcm"), breakers.circuitBreaker("fcm"));
    }

    @Bean
    PushText pushText(PushProperties push) {
        return new PushText(push.bankName(), push.preferencesLink(), push.productNames());
    }

    @Bean
    PushDelivery pushDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, FcmClient fcm,
                              PushText text, OutcomePublisher outcomes, Clock clock) {
        return new PushDelivery(consent, profiles, ledger, fcm, text, outcomes, clock);
    }

    @Bean
    PushJobHandler pushJobHandler(PushDelivery delivery, PushProperties push) {
        return new PushJobHandler(delivery, push.retryBackoff());
    }
}
