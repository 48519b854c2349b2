package io.beacon.push;

import io.beacon.delivery.Channel;
import io.beacon.delivery.ConsentClient;
import io.beacon.delivery.DeliveryConfiguration;
import io.beacon.delivery.DeliveryJobHandler;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.HttpClients;
import io.beacon.delivery.ProfilesClient;
import io.beacon.platform.OutcomePublisher;
import io.beacon.delivery.ProviderGuard;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Explicit wiring of the sender; the Resilience4j instances named {@code fcm}: shared defaults, overrides in application.yml. */
@Configuration(proxyBeanMethods = false)
@Import(DeliveryConfiguration.class)
class PushConfiguration {

    static final String JOB_TYPE = "send-push";

    @Bean
    FcmAccessTokens fcmAccessTokens(FcmProperties fcm, Clock clock) {
        return new FcmAccessTokens(HttpClients.restClient(fcm.tokenUri(), fcm.connectTimeout(), fcm.readTimeout()), fcm,
                fcm.serviceAccount(), clock);
    }

    @Bean
    FcmClient fcmClient(FcmProperties fcm, FcmAccessTokens tokens, RetryRegistry retries, CircuitBreakerRegistry breakers,
                        RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads,
                        io.beacon.delivery.SendRates sendRates) {
        return new FcmClient(HttpClients.restClient(fcm.baseUrl(), fcm.connectTimeout(), fcm.readTimeout()), fcm, tokens,
                ProviderGuard.of("FCM", "fcm", retries, breakers, rateLimiters, bulkheads, sendRates));
    }

    /** The push templates of the content folder, reloaded when it changes (ADR 0027); a bad set at start refuses the start. */
    @Bean
    io.beacon.delivery.LiveTemplates pushTemplates(io.beacon.delivery.ContentProperties content, io.beacon.platform.LiveFolder contentFolder, PushProperties push, Clock clock) {
        return new io.beacon.delivery.LiveTemplates(Channel.PUSH, contentFolder.path(), content.interval(), content.reload(),
                files -> PushText.templates(files, push.bankName()), clock);
    }

    @Bean
    PushText pushText(io.beacon.delivery.LiveTemplates templates, PushProperties push, Clock clock) {
        return new PushText(templates::current, push.preferencesLink(), clock);
    }

    @Bean
    PushDelivery pushDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, FcmClient fcm,
                              PushText text, OutcomePublisher outcomes, Clock clock) {
        return new PushDelivery(consent, profiles, ledger, fcm, text, outcomes, clock);
    }

    @Bean
    DeliveryJobHandler pushJobHandler(PushDelivery delivery, PushProperties push) {
        return new DeliveryJobHandler(JOB_TYPE, Channel.PUSH, delivery, push.retryBackoff());
    }
}
