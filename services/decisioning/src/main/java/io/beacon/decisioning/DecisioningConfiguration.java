package io.beacon.decisioning;

import io.beacon.decisioning.zeebe.ContactPolicyStep;
import io.beacon.decisioning.zeebe.SuitabilityStep;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.JourneyCatalogue;
import io.beacon.decisioning.decision.RecordedEvents;
import io.beacon.decisioning.kafka.JourneyCatalogueTopic;
import io.beacon.decisioning.kafka.KafkaRecordedEvents;
import io.beacon.decisioning.kafka.TriggerEvaluation;
import io.beacon.decisioning.mongo.ContactHistory;
import io.beacon.decisioning.mongo.DecisionRecords;
import io.beacon.decisioning.mongo.FrequencyCapStore;
import io.beacon.decisioning.policy.ContactPolicy;
import io.beacon.decisioning.policy.FrequencyCaps;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.decisioning.web.CampaignPreview;
import io.beacon.decisioning.zeebe.JourneyRecreation;
import io.beacon.decisioning.zeebe.JourneyWorkers;
import io.beacon.platform.PersonalData;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.profiles.CampaignsApi;
import io.beacon.contracts.api.profiles.ProfilesApi;
import com.mongodb.client.MongoDatabase;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import io.beacon.platform.LiveFolder;
import io.beacon.platform.LiveFolders;
import io.beacon.platform.ServiceClients;

@Configuration
class DecisioningConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The rules folder as configured, or the rules of the live release (ADR 0029). */
    @Bean(destroyMethod = "close")
    LiveFolder rulesFolder(LiveFolders folders, DecisioningProperties properties) {
        return folders.folder("rules", properties.rulesDirectory());
    }

    @Bean
    Decisioning decisioning(LiveFolder rulesFolder) {
        long start = System.nanoTime();
        var rules = RuleBase.load(rulesFolder.path());
        org.slf4j.LoggerFactory.getLogger(Decisioning.class).info("Rules {} (catalogue {}) loaded from {} in {} ms", rules.version(),
                rules.catalogueVersion(), rulesFolder.path().toAbsolutePath(), (System.nanoTime() - start) / 1_000_000);
        return new Decisioning(rules);
    }

    @Bean
    ContactPolicy contactPolicy(DecisioningProperties properties) {
        return new ContactPolicy(properties.quietHoursFrom(), properties.quietHoursUntil(), ZoneId.of(properties.defaultTimeZone()));
    }

    @Bean
    Consumer<List<byte[]>> profiledEvents(TriggerEvaluation evaluation) {
        return batch -> evaluation.decideAll(batch.stream()
                .map(record -> BeaconEvents.data(BeaconEvents.deserialize(record), ProfiledEvent.class)).toList());
    }

    @Bean
    ContactHistory contactHistory(MongoDatabase database, OfferHistoryProperties properties) {
        return new ContactHistory(database, properties.coolingOffDays(), properties.maxJourneyDuration());
    }

    /** beacon.offers: RM rejections start a cooling-off period; a journey's terminal outcome ends its running claim. */
    @Bean
    Consumer<List<byte[]>> offerOutcomes(ContactHistory history) {
        return batch -> {
            for (byte[] record : batch) {
                OfferOutcome outcome;
                try {
                    outcome = BeaconEvents.data(BeaconEvents.deserialize(record), OfferOutcome.class);
                } catch (RuntimeException e) {
                    // Redelivering it could never succeed and would hold up its partition; only the exception's class
                    // is logged, as parser messages quote the input.
                    org.slf4j.LoggerFactory.getLogger(ContactHistory.class).warn("Skipped a record of beacon.offers that is not an offer "
                            + "outcome CloudEvent ({} bytes): {}", record == null ? 0 : record.length, e.getClass().getSimpleName());
                    continue;
                }
                history.apply(outcome);
            }
        };
    }

    @Bean
    JourneyRecreation journeyRecreation(ContactHistory history, DecisionRecords records, io.beacon.platform.EventPublisher publisher,
                                        Clock clock, Decisioning decisioning) {
        return new JourneyRecreation(history, records, publisher, clock, decisioning::ruleBase);
    }

    /** beacon.journeys.engine: the engine lost its state; the journeys running by their claims are re-created (ADR 0020). */
    @Bean
    Consumer<byte[]> engineReplacements(JourneyRecreation recreation) {
        return record -> recreation.recreate(BeaconEvents.data(BeaconEvents.deserialize(record), io.beacon.contracts.EngineReplaced.class));
    }

    /** The caps as configured, their counters in MongoDB. */
    @Bean
    FrequencyCaps frequencyCaps(MongoDatabase database, ContactPolicyProperties caps) {
        var perChannel = new java.util.HashMap<String, FrequencyCaps.Limits>();
        caps.channels().forEach((channel, limits) -> perChannel.put(channel, new FrequencyCaps.Limits(limits.perDay(), limits.perWeek())));
        return new FrequencyCaps(new FrequencyCapStore(database), caps.perDay(), caps.perWeek(), perChannel);
    }

    /**
     * The deployed journeys, announced by the journeys service and followed on their topic; named as before, so its
     * health shows as {@code journeyCatalogue}.
     */
    @Bean(destroyMethod = "close")
    JourneyCatalogueTopic journeyCatalogue(@org.springframework.beans.factory.annotation.Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        return new JourneyCatalogueTopic(brokers);
    }

    /** What decision-stage outcomes are labelled with: the journey each trigger starts. */
    @Bean
    JourneyCatalogue deployedJourneys(JourneyCatalogueTopic followed) {
        return followed.catalogue();
    }

    /** The recorded events a proposed rules version is replayed over (ADR 0029). */
    @Bean
    RecordedEvents recordedEvents(@org.springframework.beans.factory.annotation.Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        return new KafkaRecordedEvents(brokers);
    }

    /** A campaign's audience preview. */
    @Bean
    CampaignPreview campaignPreview(Decisioning decisioning, ContactHistory history, CampaignsApi campaigns, ConsentApi consent, Clock clock,
                                    @org.springframework.beans.factory.annotation.Value("${beacon.decisioning.preview.sample-size:2000}") int sampleSize) {
        return new CampaignPreview(decisioning, history, campaigns, consent, clock, sampleSize);
    }

    /** Profiles and consent are called with decisioning's own account (ADR 0014), 2 s to connect, 10 s to answer. */
    @Bean
    ProfilesApi profilesApi(DecisioningProperties properties, ServiceClients http) {
        return http.api(ProfilesApi.class, properties.profilesUrl());
    }

    /** Profiles' campaigns: the scan of a large audience for a preview takes its time, so 60 s to answer. */
    @Bean
    CampaignsApi campaignsApi(DecisioningProperties properties, ServiceClients http) {
        return http.api(CampaignsApi.class, properties.profilesUrl(), java.time.Duration.ofSeconds(60));
    }

    @Bean
    ConsentApi consentApi(DecisioningProperties properties, ServiceClients http) {
        return http.api(ConsentApi.class, properties.consentUrl());
    }

    @Bean(destroyMethod = "close")
    JourneyWorkers journeyWorkers(CamundaClient client, Decisioning decisioning, DecisionRecords records, ContactPolicy policy,
                                  FrequencyCaps caps, ProfilesApi profiles, ConsentApi consent,
                                  io.beacon.platform.OutcomePublisher outcomes, DecisioningProperties properties, Clock clock) {
        return new JourneyWorkers(client,
                new SuitabilityStep(decisioning, records, profiles, properties.suitability().decidedWithin(), clock),
                new ContactPolicyStep(policy, caps, profiles, consent, outcomes, clock));
    }

    /**
     * Decisions and suitability evidence are the proof of suitable advice (MiFID II): kept for beacon.retention.decisions,
     * and on erasure kept under the customer's pseudonym for beacon.retention.kept-after-erasure at most (ADR 0033; they
     * hold no name, contact point or free text, so nothing is removed). Caps, reservations and offer history only matter
     * while they count, and go with the customer.
     */
    @Bean
    PersonalData decisioningPersonalData(org.springframework.core.env.Environment environment) {
        var decisions = PersonalData.retention(environment, "decisions");
        var kept = PersonalData.retention(environment, "kept-after-erasure");
        return PersonalData.of(
                PersonalData.Store.byField("decisions", "customerId").keptFor(decisions, "at")
                        .keptAfterErasure(kept, PersonalData.MIFID_RECORD_KEEPING),
                PersonalData.Store.byField("evidence", "customerId").keptFor(decisions, "at")
                        .keptAfterErasure(kept, PersonalData.MIFID_RECORD_KEEPING),
                PersonalData.Store.byIdPrefix("contact_counters", "|"),
                PersonalData.Store.byField("contact_reservations", "customerId"),
                PersonalData.Store.byField("offer_rejections", "customerId"),
                PersonalData.Store.byField("running_journeys", "customerId"));
    }
}
