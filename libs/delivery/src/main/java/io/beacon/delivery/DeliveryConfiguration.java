package io.beacon.delivery;

import com.mongodb.client.MongoDatabase;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.ServiceClients;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The wiring every sender shares; a sender imports it next to its provider's beans. Not an auto-configuration, so
 * a sender's configuration still shows everything it is made of.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ServicesProperties.class, ContentProperties.class, SendRateProperties.class})
public class DeliveryConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The content folder as configured, or the content of the live release (ADR 0029); the sender's templates load from it. */
    @Bean(destroyMethod = "close")
    io.beacon.platform.LiveFolder contentFolder(io.beacon.platform.LiveFolders folders, ContentProperties content) {
        return folders.folder("content", content.directory());
    }

    @Bean
    DeliveryLedger deliveryLedger(MongoDatabase database, Clock clock) {
        var ledger = new DeliveryLedger(database, clock);
        ledger.ensureIndexes();
        return ledger;
    }

    /** The provider rate limits per sender, counted in this sender's database by all its instances (ADR 0036). */
    @Bean
    SendRates sendRates(SendRateProperties properties, MongoDatabase database, Clock clock) {
        return new SendRates(properties, database, clock);
    }

    /** Consent and profiles are called with this sender's own account (ADR 0014). */
    @Bean
    ConsentApi consentApi(ServicesProperties services, ServiceClients clients) {
        return clients.api(ConsentApi.class, services.consentUrl(), services.timeout());
    }

    @Bean
    ProfilesApi profilesApi(ServicesProperties services, ServiceClients clients) {
        return clients.api(ProfilesApi.class, services.profilesUrl(), services.timeout());
    }

    @Bean
    ConsentClient consentClient(ConsentApi consent) {
        return new ConsentClient(consent);
    }

    @Bean
    ProfilesClient profilesClient(ProfilesApi profiles) {
        return new ProfilesClient(profiles);
    }

    @Bean
    ChannelHealth channelHealth(io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry breakers,
                                io.github.resilience4j.ratelimiter.RateLimiterRegistry rateLimiters) {
        return new ChannelHealth(breakers, rateLimiters);
    }

    /** The delivery ledger: a customer's deliveries are erased with them, and kept for beacon.retention.deliveries. */
    @Bean
    io.beacon.platform.PersonalData deliveryPersonalData(org.springframework.core.env.Environment environment) {
        return io.beacon.platform.PersonalData.of(io.beacon.platform.PersonalData.Store.byField(DeliveryLedger.COLLECTION, "customerId")
                .keptFor(io.beacon.platform.PersonalData.retention(environment, "deliveries"), "createdAt"));
    }

    /** The contact policy's quiet hours (beacon.contact-policy), checked again by every sender right before the call. */
    @Bean
    io.beacon.platform.QuietHours quietHours(org.springframework.core.env.Environment environment) {
        return new io.beacon.platform.QuietHours(
                java.time.LocalTime.parse(environment.getRequiredProperty("beacon.contact-policy.quiet-hours-from")),
                java.time.LocalTime.parse(environment.getRequiredProperty("beacon.contact-policy.quiet-hours-until")),
                java.time.ZoneId.of(environment.getRequiredProperty("beacon.contact-policy.default-time-zone")));
    }

    /**
     * The content experiments this channel's sends take part in (ADR 0025), followed on beacon.experiments; only where
     * the sender's job worker runs (a context without the engine sends nothing).
     */
    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "beacon.zeebe.enabled", havingValue = "true")
    ContentExperiments contentExperiments(@org.springframework.beans.factory.annotation.Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
                                          @org.springframework.beans.factory.annotation.Value("${spring.application.name}") String application) {
        return new ContentExperiments(brokers, application + "-experiments");
    }
}
