package io.beacon.sms;

import com.mongodb.client.MongoDatabase;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.platform.ContactPointProtection;
import io.beacon.platform.PersonalData;
import io.beacon.delivery.Channel;
import io.beacon.delivery.ConsentClient;
import io.beacon.delivery.DeliveryConfiguration;
import io.beacon.delivery.DeliveryJobHandler;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.HttpClients;
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

/** Explicit wiring of the sender; the Resilience4j instances named {@code twilio}: shared defaults, overrides in application.yml. */
@Configuration(proxyBeanMethods = false)
@Import(DeliveryConfiguration.class)
class SmsConfiguration {

    static final String JOB_TYPE = "send-sms";

    @Bean
    TwilioClient twilioClient(TwilioProperties twilio, RetryRegistry retries, CircuitBreakerRegistry breakers,
                              RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads,
                        io.beacon.delivery.SendRates sendRates) {
        return new TwilioClient(HttpClients.restClient(twilio.baseUrl(), twilio.connectTimeout(), twilio.readTimeout()),
                twilio, ProviderGuard.of("Twilio", "twilio", retries, breakers, rateLimiters, bulkheads, sendRates));
    }

    @Bean
    Receipts receipts(DeliveryLedger ledger, OutcomePublisher outcomes, Clock clock) {
        return new Receipts(ledger, outcomes, clock);
    }

    /** The SMS templates of the content folder, reloaded when it changes (ADR 0027); a bad set at start refuses the start. */
    @Bean
    io.beacon.delivery.LiveTemplates smsTemplates(io.beacon.delivery.ContentProperties content, io.beacon.platform.LiveFolder contentFolder, SmsProperties sms, Clock clock) {
        return new io.beacon.delivery.LiveTemplates(Channel.SMS, contentFolder.path(), content.interval(), content.reload(),
                files -> SmsText.templates(files, sms.bankName(), sms.maxSegments()), clock);
    }

    @Bean
    SmsText smsText(io.beacon.delivery.LiveTemplates templates, Clock clock) {
        return new SmsText(templates::current, clock);
    }

    @Bean
    SmsDelivery smsDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, TwilioClient twilio,
                            SmsText text, OutcomePublisher outcomes, Clock clock) {
        return new SmsDelivery(consent, profiles, ledger, twilio, text, outcomes, clock);
    }

    /** The sends, with Twilio's 21610 recorded as the opt-out it is (ADR 0035). */
    @Bean
    DeliveryJobHandler smsJobHandler(SmsDelivery delivery, ConsentApi consent, ProfilesClient profiles, SmsOptOuts optOuts, SmsProperties sms) {
        return new DeliveryJobHandler(JOB_TYPE, Channel.SMS, new OptOutOnUnsubscribedRecipient(delivery, consent, profiles, optOuts),
                sms.retryBackoff());
    }

    /** The inbound keywords and replies per language; a bad list refuses the start, naming every problem. */
    @Bean
    SmsKeywords smsKeywords(SmsKeywordsProperties keywords) {
        return SmsKeywords.of(keywords.languages());
    }

    @Bean
    SmsOptOuts smsOptOuts(MongoDatabase database, ContactPointProtection protection, Clock clock) {
        return new SmsOptOuts(database, protection, clock);
    }

    /**
     * Inbound messages (STOP, HELP, START) are keyed by the provider's message id and name no customer. The confirmed
     * opt-outs are keyed by the number's blind index, a one-way token like consent's suppressions: kept until a START.
     */
    @Bean
    PersonalData inboundSmsPersonalData(org.springframework.core.env.Environment environment) {
        return PersonalData.of(PersonalData.Store.withoutCustomer("inbound_messages").keptFor(PersonalData.retention(environment, "events"), "at"),
                PersonalData.Store.withoutCustomer(SmsOptOuts.COLLECTION));
    }
}
