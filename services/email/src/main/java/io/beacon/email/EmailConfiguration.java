package io.beacon.email;

import com.mongodb.client.MongoDatabase;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.platform.UnsubscribeKeys;
import io.beacon.delivery.Channel;
import io.beacon.delivery.ConsentClient;
import io.beacon.delivery.DeliveryConfiguration;
import io.beacon.delivery.DeliveryJobHandler;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.ProfilesClient;
import io.beacon.platform.OutcomePublisher;
import io.beacon.platform.PersonalData;
import io.beacon.delivery.ProviderGuard;
import io.beacon.delivery.Receipts;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;

/** Explicit wiring of the sender; the Resilience4j instances named {@code smtp} come from application.yml. */
@Configuration(proxyBeanMethods = false)
@Import(DeliveryConfiguration.class)
@org.springframework.boot.context.properties.EnableConfigurationProperties(UnsubscribeKeys.class)
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
    EmailText emailText(io.beacon.delivery.LiveTemplates templates, EmailProperties email, UnsubscribeKeys unsubscribeKeys, Clock clock) {
        // the newest key of the keyring signs every link (ADR 0034)
        return new EmailText(templates::current, email.unsubscribeBaseUrl(), email.profilingRefusalBaseUrl(),
                unsubscribeKeys.tokens(clock), email.tracking(), clock);
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
                                EmailText text, UndeliverableAddresses undeliverable, OutcomePublisher outcomes, Clock clock) {
        return new EmailDelivery(consent, profiles, ledger, smtp, text, undeliverable, outcomes, clock);
    }

    // Bounces and complaints (ADR 0034)

    @Bean(initMethod = "ensureIndexes")
    SentEmails sentEmails(MongoDatabase database) {
        return new SentEmails(database);
    }

    @Bean
    UndeliverableAddresses undeliverableAddresses(MongoDatabase database) {
        return new UndeliverableAddresses(database);
    }

    @Bean
    ReportJournal reportJournal(MongoDatabase database) {
        return new ReportJournal(database);
    }

    /**
     * The delivery reports' journal holds no customer id but may hold an unreadable report's raw text (which can name an
     * address): kept as long as events are, then deleted. The undeliverable addresses are blind indexes only, a one-way
     * token like a suppression, so an erasure leaves them (a bounced address stays unsendable).
     */
    @Bean
    PersonalData deliveryReportsPersonalData(org.springframework.core.env.Environment environment) {
        return PersonalData.of(PersonalData.Store.withoutCustomer(ReportJournal.COLLECTION).keptFor(PersonalData.retention(environment, "events"), "at"),
                PersonalData.Store.withoutCustomer(UndeliverableAddresses.COLLECTION));
    }

    @Bean
    DeliveryReportHandling deliveryReportHandling(SentEmails sent, UndeliverableAddresses undeliverable, ReportJournal journal,
                                                  DeliveryLedger ledger, ProfilesClient profiles, ConsentApi consent, Receipts receipts,
                                                  EmailDelivery delivery, ReportSettings reports, Clock clock) {
        return new DeliveryReportHandling(sent, undeliverable, journal, ledger, profiles, consent, receipts, delivery,
                reports.maxSoftBounces(), clock);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "beacon.email.reports.imap.enabled", havingValue = "true")
    ReportMailbox reportMailbox(ReportSettings reports, DeliveryReportHandling handling) {
        return new ReportMailbox(reports.imap(), handling);
    }

    @Bean
    EmailReputation emailReputation(SentEmails sent, ReportSettings reports, Clock clock) {
        return new EmailReputation(sent, reports.reputation(), clock);
    }

    @Bean
    DeliveryJobHandler emailJobHandler(EmailDelivery delivery, EmailProperties email) {
        return new DeliveryJobHandler(JOB_TYPE, Channel.EMAIL, delivery, email.retryBackoff());
    }
}
