package io.beacon.consent;

import io.beacon.contracts.BankEventType;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ConsentChange;
import io.beacon.platform.UnsubscribeTokens;
import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration
class ConsentConfiguration {

    /** Consent changes from bank systems (bank.consent.changed, accepted by intake). */
    @Bean
    Consumer<Message<byte[]>> acceptedEvents(ConsentChanges changes) {
        return message -> {
            CloudEvent event = BeaconEvents.deserialize(message.getPayload());
            if (!BankEventType.CONSENT_CHANGED.type().equals(event.getType())) {
                return;
            }
            var data = BeaconEvents.dataTree(event);
            Instant at = data.hasNonNull("changedAt") ? Instant.parse(data.get("changedAt").asText())
                    : event.getTime() != null ? event.getTime().toInstant() : Instant.now();
            var change = new ConsentChange(event.getSubject(), data.get("channel").asText(), data.get("purpose").asText(),
                    "GRANTED".equals(data.get("status").asText()), event.getSource().toString(), at);
            changes.record(event.getSource() + " " + event.getId(), change, data.path("legalBasis").asText("CONSENT"));
        };
    }

    @Bean
    UnsubscribeTokens unsubscribeTokens(@Value("${beacon.consent.unsubscribe-secret}") String secret) {
        return new UnsubscribeTokens(secret);
    }
}
