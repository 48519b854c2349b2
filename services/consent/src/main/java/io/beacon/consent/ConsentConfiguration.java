package io.beacon.consent;

import io.beacon.contracts.BankEventType;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.Topics;
import io.beacon.platform.EventPublisher;
import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration
class ConsentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsentConfiguration.class);

    /** Records consent changes from bank systems and tells the journeys, which end on a withdrawal. */
    @Bean
    Consumer<Message<byte[]>> acceptedEvents(ConsentLedger ledger, EventPublisher publisher) {
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
            String legalBasis = data.path("legalBasis").asText("CONSENT");
            String changeId = event.getSource() + " " + event.getId();
            // Published even on a repeat: a lost publish after the record must still reach the journeys.
            ledger.record(changeId, change, legalBasis);
            log.info("consent {} {} {} for customer {}", change.granted() ? "granted" : "withdrawn", change.channel(), change.purpose(), change.customerId());
            publisher.publishAndWait(Topics.CONSENT_CHANGES, change.customerId(),
                    BeaconEvents.build(changeId, "/beacon/consent", change.cloudEventType(), change.customerId(), change));
        };
    }
}
