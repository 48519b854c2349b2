package io.beacon.profiles;

import io.beacon.contracts.BankEventType;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.Topics;
import io.beacon.platform.OutcomePublisher;
import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration
class ProfilesConfiguration {

    /** Applies each accepted event to the profile, then hands the event on with the profile as it now is. */
    @Bean
    Consumer<Message<byte[]>> acceptedEvents(ProfileStore store, StreamBridge streamBridge) {
        return message -> {
            CloudEvent event = BeaconEvents.deserialize(message.getPayload());
            BankEventType type = BankEventType.of(event.getType()).orElseThrow();
            Instant at = event.getTime() != null ? event.getTime().toInstant() : Instant.now();
            var data = BeaconEvents.dataTree(event);
            var profile = store.apply(event.getSubject(), event.getSource() + " " + event.getId(), type, data, at);
            var profiled = new ProfiledEvent(event.getId(), event.getSource().toString(), event.getType(), data, ProfileSnapshots.of(profile));
            OutcomePublisher.send(streamBridge, Topics.EVENTS_PROFILED, event.getSubject(),
                    BeaconEvents.build(event.getId(), event.getSource().toString(), "beacon.event.profiled", event.getSubject(), profiled));
        };
    }
}
