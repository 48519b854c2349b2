package io.beacon.journeys;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.JourneyTriggered;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.cloudevents.CloudEvent;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns decisions and consent changes into Zeebe messages: journeys start on triggers and end on opt-outs. */
class JourneyMessages {

    static final String CONSENT_WITHDRAWN = "ConsentWithdrawn";
    /** Ends a journey's conversion wait: correlation key {@code customerId:productCode}, TTL 0. */
    static final String PRODUCT_PURCHASED = "ProductPurchased";
    static final String PRODUCT_PURCHASED_TYPE = "bank.product.purchased";
    private static final Logger log = LoggerFactory.getLogger(JourneyMessages.class);

    private final CamundaClient client;
    private final Duration triggerTtl;
    private final Holdout holdout;

    JourneyMessages(CamundaClient client, Duration triggerTtl, Holdout holdout) {
        this.client = client;
        this.triggerTtl = triggerTtl;
        this.holdout = holdout;
    }

    /**
     * The message name is the trigger, the message id the bank event id (a replay within the TTL is refused by
     * Zeebe), and the correlation key the customer id (one running instance per customer and journey). The variable
     * {@code holdout} says whether the customer is in the journey's holdout group ({@link Holdout}).
     */
    void start(JourneyTriggered triggered) {
        var variables = new HashMap<String, Object>();
        variables.put("customerId", triggered.customerId());
        variables.put("trigger", triggered.trigger());
        variables.put("productCode", triggered.productCode());
        variables.put("sourceEventId", triggered.sourceEventId());
        variables.put("decisionId", triggered.decisionId());
        variables.put("rulesVersion", triggered.rulesVersion());
        variables.put("holdout", holdout.isHeldOut(triggered.customerId(), triggered.trigger()));
        try {
            client.newPublishMessageCommand()
                    .messageName(triggered.trigger())
                    .correlationKey(triggered.customerId())
                    .messageId(triggered.sourceEventId())
                    .timeToLive(triggerTtl)
                    .variables(variables)
                    .send().join();
        } catch (ClientStatusException e) {
            if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
                log.debug("trigger {} for event {} was published before", triggered.trigger(), triggered.sourceEventId());
                return;
            }
            throw e;
        }
    }

    /**
     * Interrupts every running journey of each customer who withdrew marketing consent, wherever it waits (their
     * opt-out event subprocess). The messages of a consumed batch are published together and awaited together: a
     * burst of opt-outs waits for the engine about once, not once per opt-out. If one fails the batch is consumed
     * again; publishing an opt-out twice ends nothing more (TTL 0, the journeys it reached have ended).
     */
    void consentChanged(List<ConsentChange> changes) {
        var withdrawals = changes.stream().filter(change -> !change.granted() && "marketing".equals(change.purpose())).toList();
        var sends = new ArrayList<CompletableFuture<?>>(withdrawals.size());
        for (ConsentChange change : withdrawals) {
            sends.add(client.newPublishMessageCommand()
                    .messageName(CONSENT_WITHDRAWN)
                    .correlationKey(change.customerId())
                    .timeToLive(Duration.ZERO)
                    .variables(Map.of("optOutChannel", change.channel()))
                    .send().toCompletableFuture());
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        for (ConsentChange change : withdrawals) {
            log.info("opt-out ({}) sent to the running journeys of customer {}", change.channel(), change.customerId());
        }
    }

    /**
     * An accepted bank event: a {@code bank.product.purchased} ends the conversion wait of the customer's journeys
     * that offered that product (correlation key {@code customerId:productCode}); TTL 0, so a purchase that no journey
     * waits for converts nothing. Other event types are ignored.
     */
    void acceptedEvent(CloudEvent event) {
        if (!PRODUCT_PURCHASED_TYPE.equals(event.getType())) {
            return;
        }
        String customerId = event.getSubject();
        var productCode = BeaconEvents.dataTree(event).path("productCode").asText(null);
        if (customerId == null || productCode == null) {
            log.warn("product purchase {} without subject or productCode ignored", event.getId());
            return;
        }
        try {
            client.newPublishMessageCommand()
                    .messageName(PRODUCT_PURCHASED)
                    .correlationKey(customerId + ":" + productCode)
                    .messageId(event.getId())
                    .timeToLive(Duration.ZERO)
                    .variables(Map.of("purchasedProductCode", productCode, "purchaseEventId", event.getId()))
                    .send().join();
        } catch (ClientStatusException e) {
            if (e.getStatusCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
    }
}
