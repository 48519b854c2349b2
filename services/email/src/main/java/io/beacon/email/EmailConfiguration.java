package io.beacon.email;

import io.beacon.platform.UnsubscribeTokens;
import io.beacon.delivery.Channel;
import io.beacon.delivery.ConsentClient;
import io.beacon.delivery.DeliveryConfiguration;
import io.beacon.delivery.DeliveryJobHandler;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.ProfilesClient;
import io.beacon.platform.OutcomePublisher;
import io.beacon.delivery.ProviderGuard;
import io.beacon.delivery.Receipts;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;

/** Explicit wiring of the sender; the Resilience4j instances named {@code smtp} come from application.yml. */
@Configuration(proxyBeanMethods = false)
@Import(DeliveryConfiguration.class)
class EmailConfiguration {

    static final String JOB_TYPE = "send-email";

    @Bean
    SmtpSender smtpSender(JavaMailSender mail, EmailProperties email, RetryRegistry retries, CircuitBreakerRegistry breakers,
                          RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads,
                        io.beacon.delivery.SendRates sendRates) {
        return new SmtpSender(mail, email.from(), email.messageIdDomain(),
                ProviderGuard.of("SMTP", "smtp", retries, breakers, rateLimiters, bulkheads, sendRates),
                email.dkim().enabled() ? email.dkim().signer() : null);
    }

    /** The email templates and layout words of the content folder, reloaded when it changes (ADR 0027); a bad set at start refuses the start. */
    @Bean
    io.beacon.delivery.LiveTemplates emailTemplates(io.beacon.delivery.ContentProperties content, io.beacon.platform.LiveFolder contentFolder, EmailProperties email, Clock clock) {
        return new io.beacon.delivery.LiveTemplates(Channel.EMAIL, contentFolder.path(), content.interval(), content.reload(),
                files -> EmailText.templates(files, email.bankName()), clock);
    }

    @Bean
    EmailText emailText(io.beacon.delivery.LiveTemplates templates, EmailProperties email, Clock clock) {
        return new EmailText(templates::current, email.unsubscribeBaseUrl(), email.profilingRefusalBaseUrl(),
                new UnsubscribeTokens(email.unsubscribeSecret()), email.tracking(), clock);
    }

    @Bean
    EmailTracking emailTracking(EmailProperties email) {
        return email.tracking();
    }

    @Bean
    Receipts receipts(DeliveryLedger ledger, OutcomePublisher outcomes, Clock clock) {
        return new Receipts(ledger, outcomes, clock);
    }

    @Bean
    EmailDelivery emailDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, SmtpSender smtp,
                                EmailText text, OutcomePublisher outcomes, Clock clock) {
        return new EmailDelivery(consent, profiles, ledger, smtp, text, outcomes, clock);
    }

    @Bean
    DeliveryJobHandler emailJobHandler(EmailDelivery delivery, EmailProperties email) {
        return new DeliveryJobHandler(JOB_TYPE, Channel.EMAIL, delivery, email.retryBackoff());
    }
}
