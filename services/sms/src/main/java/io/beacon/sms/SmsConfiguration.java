package io.beacon.sms;

import com.mongodb.client.MongoDatabase;
import io.beacon.platform.OutcomePublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Explicit wiring of the sender; the Resilience4j instances named {@code twilio} come from application.yml. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

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
    TwilioClient twilioClient(TwilioProperties twilio, RetryRegistry retries, CircuitBreakerRegistry breakers) {
        return new TwilioClient(HttpClients.restClient(twilio.baseUrl(), twilio.connectTimeout(), twilio.readTimeout()),
                twilio, retries.retry("twilio"), breakers.circuitBreaker("twilio"));
    }

    @Bean
    SmsText smsText(SmsProperties sms) {
        return new SmsText(sms.bankName(), sms.productNames());
    }

    @Bean
    SmsDelivery smsDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, TwilioClient twilio,
                            SmsText text, OutcomePublisher outcomes, Clock clock) {
        return new SmsDelivery(consent, profiles, ledger, twilio, text, outcomes, clock);
    }

    @Bean
    SmsJobHandler smsJobHandler(SmsDelivery delivery, SmsProperties sms) {
        return new SmsJobHandler(delivery, sms.retryBackoff());
    }
}
