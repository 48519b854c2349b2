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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration
@EnableScheduling
class ProfilesConfiguration {

    @Bean
    DormancyScan dormancyScan(MongoDatabase database, EventPublisher publisher,
                              @Value("${beacon.profiles.dormancy.inactive-for:P60D}") Duration inactiveFor,
                              @Value("${beacon.profiles.dormancy.renotify-after:P30D}") Duration renotifyAfter) {
        return new DormancyScan(database, publisher, Clock.systemUTC(), inactiveFor, renotifyAfter);
    }

    /**
     * Applies each accepted event to the profile, in order, then hands it on with the profile as it now is; the
     * batch is done once the broker has every profiled event.
     */
    @Bean
    Consumer<List<byte[]>> acceptedEvents(ProfileStore store, EventPublisher publisher) {
        return batch -> {
            var events = batch.stream().map(BeaconEvents::deserialize).toList();
            var changes = new ArrayList<ProfileStore.Change>(events.size());
            for (CloudEvent event : events) {
                BankEventType type = BankEventType.of(event.getType()).orElseThrow();
                Instant at = event.getTime() != null ? event.getTime().toInstant() : Instant.now();
                changes.add(new ProfileStore.Change(event.getSubject(), event.getSource() + " " + event.getId(), type,
                        BeaconEvents.dataTree(event), at));
            }
            var profiles = store.applyAll(changes);
            var sends = new ArrayList<CompletableFuture<?>>(events.size());
            for (int i = 0; i < events.size(); i++) {
                CloudEvent event = events.get(i);
                var profiled = new ProfiledEvent(event.getId(), event.getSource().toString(), event.getType(), changes.get(i).data(), profiles.get(i));
                sends.add(publisher.publish(Topics.EVENTS_PROFILED, event.getSubject(),
                        BeaconEvents.build(event.getId(), event.getSource().toString(), "beacon.event.profiled", event.getSubject(), profiled)));
            }
            EventPublisher.await(sends);
        };
    }

    /** The profile, contact points included, is erased with the customer; it lives as long as the customer relationship. */
    @Bean
    PersonalData profilesPersonalData() {
        return PersonalData.of(PersonalData.Store.byField("profiles", "_id"));
    }
}
