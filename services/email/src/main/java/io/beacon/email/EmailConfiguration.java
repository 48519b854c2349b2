package io.beacon.email;

import com.mongodb.client.MongoDatabase;
import io.beacon.platform.OutcomePublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Explicit wiring of the sender; the Resilience4j instances named {@code smtp} come from application.yml. */
@Configuration(proxyBeanMethods = false)
class EmailConfiguration {

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
    SmtpSender smtpSender(JavaMailSender mail, EmailProperties email, RetryRegistry retries, CircuitBreakerRegistry breakers) {
        return new SmtpSender(mail, email.from(), email.messageIdDomain(), retries.retry("smtp"), breakers.circuitBreaker("smtp"));
    }

    @Bean
    EmailText emailText(EmailProperties email) {
        return new EmailText(email.bankName(), email.postalAddress(), email.unsubscribeBaseUrl(),
                new UnsubscribeTokens(email.unsubscribeSecret()), email.productNames());
    }

    @Bean
    EmailDelivery emailDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, SmtpSender smtp,
                                EmailText text, OutcomePublisher outcomes, Clock clock) {
        return new EmailDelivery(consent, profiles, ledger, smtp, text, outcomes, clock);
    }

    @Bean
    EmailJobHandler emailJobHandler(EmailDelivery delivery, EmailProperties email) {
        return new EmailJobHandler(delivery, email.retryBackoff());
    }
}
