package io.beacon.profiles;

import io.beacon.platform.PersonalData;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.Topics;
import io.beacon.platform.EventPublisher;
import com.mongodb.client.MongoDatabase;
import io.cloudevents.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.nio.file.Path;
import io.beacon.profiles.tags.KnownTags;
import io.beacon.profiles.tags.TagBackfill;
import io.beacon.profiles.tags.TagReloader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration
@EnableScheduling
class ProfilesConfiguration {

    /** The profiles, with the contact-point look-ups' indexes in place before the first STOP arrives. */
    @Bean(initMethod = "ensureIndexes")
    ProfileStore profileStore(MongoDatabase database, io.beacon.platform.ContactPointProtection protection, TagReloader tags) {
        return new ProfileStore(database, protection, tags::get);
    }

    /**
     * The persona tag definitions of rules/tags, reloaded when the folder changes; also the {@link KnownTags} bean
     * (the names defined now) an audience is checked against.
     */
    @Bean
    TagReloader tagReloader(io.beacon.platform.LiveFolder rulesFolder,
                            @Value("${beacon.profiles.tags.reload-interval:PT2S}") Duration interval,
                            @Value("${beacon.profiles.tags.reload-enabled:true}") boolean enabled) {
        return new TagReloader(rulesFolder.path(), interval, enabled);
    }

    /** The rules folder as configured, or the rules of the live release (ADR 0029): tags, audiences and campaigns. */
    @Bean(destroyMethod = "close")
    io.beacon.platform.LiveFolder rulesFolder(io.beacon.platform.LiveFolders folders,
                                              @Value("${beacon.profiles.rules-directory:rules}") Path rulesDirectory) {
        return folders.folder("rules", rulesDirectory);
    }



    /** A profile's name and birth date, sealed at rest (ADR 0038). */
    @Bean
    SealedFields sealedFields(io.beacon.platform.ContactPointProtection protection) {
        return new SealedFields(protection);
    }

    /** Recomputes one tag for every customer from the accepted events the topic still holds (POST /api/tags/{name}/backfill). */
    @Bean
    TagBackfill tagBackfill(MongoDatabase database, TagReloader tags, SealedFields sealed,
                            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        return new TagBackfill(database, tags::get, new KafkaAcceptedEventLog(brokers), Clock.systemUTC(), sealed);
    }

    @Bean
    DormancyScan dormancyScan(MongoDatabase database, EventPublisher publisher, SealedFields sealed,
                              @Value("${beacon.profiles.dormancy.inactive-for:P60D}") Duration inactiveFor,
                              @Value("${beacon.profiles.dormancy.renotify-after:P30D}") Duration renotifyAfter) {
        return new DormancyScan(database, publisher, Clock.systemUTC(), inactiveFor, renotifyAfter, sealed);
    }

    /**
     * Applies each accepted event to the profile, in order, then hands it on with the profile as it now is; the
     * batch is done once the broker has every profiled event.
     */
    @Bean
    Consumer<List<byte[]>> acceptedEvents(ProfileStore store, EventPublisher publisher, io.beacon.platform.ContactPointProtection protection) {
        return batch -> {
            var events = batch.stream().map(BeaconEvents::deserialize).toList();
            var changes = new ArrayList<ProfileStore.Change>(events.size());
            var onward = new ArrayList<com.fasterxml.jackson.databind.JsonNode>(events.size());
            for (CloudEvent event : events) {
                BankEventType type = BankEventType.of(event.getType()).orElseThrow();
                Instant at = event.getTime() != null ? event.getTime().toInstant() : Instant.now();
                var data = BeaconEvents.dataTree(event);
                // intake sealed the customer's name, birth date and contact points (ADR 0038): opened to be applied,
                // handed on sealed as they came
                var clear = event.getExtension(io.beacon.platform.ContactPointProtection.SEALED_EXTENSION) == null ? data
                        : protection.openPersonalData(event.getSubject(), data);
                changes.add(new ProfileStore.Change(event.getSubject(), event.getSource() + " " + event.getId(), type, clear, at));
                onward.add(data);
            }
            var profiles = store.applyAll(changes);
            var sends = new ArrayList<CompletableFuture<?>>(events.size());
            for (int i = 0; i < events.size(); i++) {
                CloudEvent event = events.get(i);
                var profiled = new ProfiledEvent(event.getId(), event.getSource().toString(), event.getType(), onward.get(i), profiles.get(i));
                sends.add(publisher.publish(Topics.EVENTS_PROFILED, event.getSubject(),
                        BeaconEvents.build(event.getId(), event.getSource().toString(), "beacon.event.profiled", event.getSubject(), profiled)));
            }
            EventPublisher.await(sends);
        };
    }

    /**
     * Profiling refused or granted at the consent service (the app's preferences, the link in every email, the
     * unsubscribe page, an erasure): the profile remembers it, so that decisions and senders use generic offers only
     * (PIPL Art. 24). Bank systems' own consent events reach the profile through acceptedEvents.
     */
    @Bean
    Consumer<org.springframework.messaging.Message<byte[]>> consentChanges(ProfileStore store) {
        return message -> {
            var change = BeaconEvents.data(BeaconEvents.deserialize(message.getPayload()), io.beacon.contracts.ConsentChange.class);
            if ("profiling".equals(change.purpose())) {
                store.recordProfiling(change.customerId(), change.granted());
            }
        };
    }

    /**
     * The profile, contact points included, is erased with the customer; it lives as long as the customer relationship.
     * A back-fill's scratch copy of recorded events lives only during the run, but an erasure meanwhile removes it too.
     */
    @Bean
    PersonalData profilesPersonalData() {
        return PersonalData.of(PersonalData.Store.byField("profiles", "_id"), PersonalData.Store.byField("tag_backfill", "customerId"));
    }
}
