package io.beacon.journeys;

import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.JourneyTriggered;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns decisions and consent changes into Zeebe messages: journeys start on triggers and end on opt-outs. */
class JourneyMessages {

    static final String CONSENT_WITHDRAWN = "ConsentWithdrawn";
    private static final Logger log = LoggerFactory.getLogger(JourneyMessages.class);

    private final CamundaClient client;
    private final Duration triggerTtl;

    JourneyMessages(CamundaClient client, Duration triggerTtl) {
        this.client = client;
        this.triggerTtl = triggerTtl;
    }

    /**
     * The message name is the trigger, the message id the bank event id (a replay within the TTL is refused by
     * Zeebe), and the correlation key the customer id (one running instance per customer and journey).
     */
    void start(JourneyTriggered triggered) {
        try {
            client.newPublishMessageCommand()
                    .messageName(triggered.trigger())
                    .correlationKey(triggered.customerId())
                    .messageId(triggered.sourceEventId())
                    .timeToLive(triggerTtl)
                    .variables(Map.of(
                            "customerId", triggered.customerId(),
                            "trigger", triggered.trigger(),
                            "productCode", triggered.productCode(),
                            "sourceEventId", triggered.sourceEventId(),
                            "decisionId", triggered.decisionId(),
                            "rulesVersion", triggered.rulesVersion()))
                    .send().join();
        } catch (ClientStatusException e) {
            if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
                log.debug("trigger {} for event {} was published before", triggered.trigger(), triggered.sourceEventId());
                return;
            }
            throw e;
        }
    }

    /** Interrupts every running journey of the customer, wherever it waits (their opt-out event subprocess). */
    void consentChanged(ConsentChange change) {
        if (change.granted() || !"marketing".equals(change.purpose())) {
            return;
        }
        client.newPublishMessageCommand()
                .messageName(CONSENT_WITHDRAWN)
                .correlationKey(change.customerId())
                .timeToLive(Duration.ZERO)
                .variables(Map.of("optOutChannel", change.channel()))
                .send().join();
        log.info("opt-out ({}) sent to the running journeys of customer {}", change.channel(), change.customerId());
    }
}
