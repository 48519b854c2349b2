package io.beacon.console;

import com.mongodb.client.MongoDatabase;
import io.beacon.console.access.AuditLog;
import io.beacon.console.access.CustomerAccess;
import io.beacon.console.compliance.ComplianceSearch;
import io.beacon.console.customer.CustomerTimeline;
import io.beacon.console.review.CheckMessages;
import io.beacon.console.review.Checking;
import io.beacon.console.review.NoteCheck;
import io.beacon.console.review.OfferReviews;
import io.beacon.console.review.ReviewMessages;
import io.beacon.console.review.ReviewProperties;
import io.beacon.console.review.ReviewRequests;
import io.beacon.console.review.Reviewing;
import io.beacon.console.review.ZeebeReviewMessages;
import io.beacon.platform.OutcomePublisher;
import io.beacon.platform.PersonalData;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Wires the console: the outcome projection, the review queue, the services it reads, the audit. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ConsoleProperties.class, ReviewProperties.class})
class ConsoleConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(initMethod = "ensureIndexes")
    OutcomeStore outcomeStore(MongoDatabase database) {
        return new OutcomeStore(database);
    }

    /** The content experiments (ADR 0025), announced on beacon.experiments for the channel services. */
    @Bean
    io.beacon.console.experiments.Experiments experiments(MongoDatabase database, io.beacon.platform.EventPublisher publisher,
                                                          io.beacon.console.services.ConsoleApis.Channels channels, OutcomeStore outcomes,
                                                          AuditLog audit, Clock clock) {
        return new io.beacon.console.experiments.Experiments(database, publisher, channels, outcomes, audit, clock);
    }

    @Bean(initMethod = "ensureIndexes")
    OfferReviews offerReviews(MongoDatabase database) {
        return new OfferReviews(database);
    }

    @Bean(initMethod = "ensureIndexes")
    AuditLog auditLog(MongoDatabase database) {
        return new AuditLog(database);
    }

    @Bean
    CustomerAccess customerAccess(io.beacon.contracts.api.profiles.ProfilesApi profiles, AuditLog audit) {
        return new CustomerAccess(profiles, audit);
    }

    @Bean
    ReviewRequests reviewRequests(OfferReviews reviews, io.beacon.contracts.api.profiles.ProfilesApi profiles, OutcomePublisher outcomes,
                                  Clock clock) {
        return new ReviewRequests(reviews, profiles, outcomes, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "beacon.zeebe.enabled", havingValue = "true")
    ZeebeReviewMessages reviewMessages(CamundaClient client, Clock clock) {
        return new ZeebeReviewMessages(client, clock);
    }

    /** The RM's personal note is checked before an approval is taken (ADR 0028). */
    @Bean
    NoteCheck noteCheck(ReviewProperties properties) {
        return new NoteCheck(Reviewing.MAX_NOTE, properties.forbiddenPhrases());
    }

    @Bean
    Reviewing reviewing(OfferReviews reviews, ReviewMessages messages, CustomerAccess access, AuditLog audit, Clock clock, NoteCheck notes) {
        return new Reviewing(reviews, messages, access, audit, clock, notes);
    }

    @Bean
    Checking checking(OfferReviews reviews, CheckMessages messages, AuditLog audit, Clock clock) {
        return new Checking(reviews, messages, audit, clock);
    }

    @Bean
    CustomerTimeline customerTimeline(OutcomeStore outcomes, io.beacon.contracts.api.decisioning.DecisionsApi decisions,
                                      io.beacon.contracts.api.consent.ConsentApi consent) {
        return new CustomerTimeline(outcomes, decisions, consent);
    }

    @Bean
    ComplianceSearch complianceSearch(io.beacon.contracts.api.decisioning.DecisionsApi decisions, io.beacon.contracts.api.consent.ConsentApi consent,
                                      OfferReviews reviews, AuditLog audit, io.beacon.platform.Pseudonyms pseudonyms) {
        return new ComplianceSearch(decisions, consent, reviews, audit, pseudonyms);
    }

    /**
     * {@code request-rm-review}: the review lands in the RM's queue; the journey then waits for OfferReviewed or its
     * SLA. A failure (profiles down) fails the job, and Zeebe retries it.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "beacon.zeebe.enabled", havingValue = "true")
    JobWorker requestRmReviewWorker(CamundaClient client, ReviewRequests requests) {
        return client.newWorker().jobType("request-rm-review")
                .handler((jobClient, job) -> {
                    var review = requests.request(job.getVariablesAsMap(), job.getBpmnProcessId(), String.valueOf(job.getProcessInstanceKey()),
                            job.getElementId());
                    jobClient.newCompleteCommand(job).variables(ReviewRequests.jobResult(review)).send().join();
                })
                .timeout(Duration.ofSeconds(30))
                .open();
    }

    /**
     * {@code request-offer-check}: the RM approved an offer the catalogue flags; it lands in the checkers' queue and the
     * journey waits for OfferChecked or the same review deadline (ADR 0028).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "beacon.zeebe.enabled", havingValue = "true")
    JobWorker requestOfferCheckWorker(CamundaClient client, ReviewRequests requests) {
        return client.newWorker().jobType("request-offer-check")
                .handler((jobClient, job) -> {
                    requests.requestCheck(job.getVariablesAsMap(), job.getBpmnProcessId(), String.valueOf(job.getProcessInstanceKey()));
                    jobClient.newCompleteCommand(job).send().join();
                })
                .timeout(Duration.ofSeconds(30))
                .open();
    }

    /**
     * Bound as {@code offers-in-0}. Declared as a Consumer of byte[] messages, not of OfferOutcome, so that decoding
     * and its failures stay in our hands rather than in the framework's message conversion. A journey that ends while
     * its review waits (SLA, opt-out) closes the review.
     */
    @Bean
    Consumer<Message<byte[]>> offers(OutcomeStore store, MeterRegistry meters, ReviewRequests requests) {
        return new OffersConsumer(store, meters, requests::outcomeArrived);
    }

    /**
     * Outcomes and audit entries lose their customer on erasure but stay: the funnel is aggregate statistics and the
     * audit says who did what. Reviews are the record of who approved an offer (MiFID II): kept on erasure under the
     * customer's pseudonym, without the free text that may name them (the RM's note, the reasons), ADR 0033.
     */
    @Bean
    PersonalData consolePersonalData(org.springframework.core.env.Environment environment) {
        return PersonalData.of(
                PersonalData.Store.byField("outcomes", "customerId").anonymised("customerId"),
                PersonalData.Store.byField("audit", "customerId").anonymised("customerId"),
                PersonalData.Store.byField("reviews", "customerId").keptAfterErasure(PersonalData.retention(environment, "kept-after-erasure"),
                        PersonalData.MIFID_RECORD_KEEPING, "note", "reason", "checkReason"));
    }
}
