package io.beacon.journeys;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.contracts.MeasurementGroup;
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
    private final EngineRecovery engine;
    private final Duration patience;
    private final java.util.function.Function<String, java.util.Optional<JourneyDeployment.Deployed>> journeyOf;

    /**
     * @param patience  how long the starts of a batch may be pushed back by the engine before the batch fails
     * @param journeyOf the deployed journey a trigger starts: its lifecycle stage (every outcome of the journey carries
     *                  it) and its holdout share
     */
    JourneyMessages(CamundaClient client, Duration triggerTtl, Holdout holdout, EngineRecovery engine, Duration patience,
                    java.util.function.Function<String, java.util.Optional<JourneyDeployment.Deployed>> journeyOf) {
        this.journeyOf = journeyOf;
        this.client = client;
        this.triggerTtl = triggerTtl;
        this.holdout = holdout;
        this.engine = engine;
        this.patience = patience;
    }

    /**
     * Starts the journeys of a consumed batch of triggers. The message name is the trigger, the message id the bank
     * event id (a replay within the TTL is refused by Zeebe), and the correlation key the customer id (one running
     * instance per customer and journey). The variable {@code group} is the customer's measurement group
     * ({@link Holdout}, ADR 0025) and {@code holdout} whether it holds them out of the journey's messages.
     *
     * <p>The engine is checked first ({@link EngineRecovery#ensureCurrent}): a start published to an engine without the
     * journeys would be lost. Then every start of the batch is sent at once and awaited together, so a batch waits for
     * the engine about once, not once per trigger (ADR 0020); the batch's size is bounded by the binding's
     * {@code max.poll.records}. Starts the engine pushes back on (back-pressure, a moment unreachable) are sent again,
     * after checking the engine again, until {@code patience} runs out; then the batch fails and is consumed again
     * (the starts that went through are refused by their message id, ALREADY_EXISTS, which counts as done).
     */
    void startAll(List<JourneyTriggered> batch) {
        List<JourneyTriggered> pending = batch;
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = 100;
        while (true) {
            engine.ensureCurrent();
            var sends = new ArrayList<CompletableFuture<?>>(pending.size());
            for (JourneyTriggered triggered : pending) {
                sends.add(start(triggered));
            }
            var again = new ArrayList<JourneyTriggered>();
            RuntimeException last = null;
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).join();
                } catch (RuntimeException e) {
                    Status.Code code = statusOf(e);
                    if (code == Status.Code.ALREADY_EXISTS) {
                        log.debug("trigger {} for event {} was published before", pending.get(i).trigger(), pending.get(i).sourceEventId());
                    } else if (code == Status.Code.RESOURCE_EXHAUSTED || code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
                        again.add(pending.get(i));
                        last = e;
                    } else {
                        throw e;
                    }
                }
            }
            if (again.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(again.size() + " of " + batch.size() + " journey starts refused by the engine for "
                        + patience.toSeconds() + " s; the batch is consumed again", last);
            }
            log.info("{} of {} journey starts pushed back by the engine ({}); sending them again in {} ms", again.size(), pending.size(),
                    statusOf(last), pause);
            sleep(pause);
            pause = Math.min(pause * 2, 2_000);
            pending = again;
        }
    }

    private CompletableFuture<?> start(JourneyTriggered triggered) {
        var variables = new HashMap<String, Object>();
        variables.put("customerId", triggered.customerId());
        variables.put("trigger", triggered.trigger());
        variables.put("productCode", triggered.productCode());
        variables.put("sourceEventId", triggered.sourceEventId());
        variables.put("decisionId", triggered.decisionId());
        variables.put("rulesVersion", triggered.rulesVersion());
        // what the decision already read, for the journey's first steps (ADR 0030): when it was decided (suitability is
        // not decided again right after) and the customer's time zone (quiet hours without fetching the profile)
        if (triggered.at() != null) {
            variables.put("decidedAt", triggered.at().toString());
        }
        if (triggered.timeZone() != null) {
            variables.put("timeZone", triggered.timeZone());
        }
        var journey = journeyOf.apply(triggered.trigger());
        MeasurementGroup group = holdout.groupOf(triggered.customerId(), triggered.trigger(),
                journey.map(JourneyDeployment.Deployed::holdoutShare).orElse(null));
        variables.put("group", group.name());
        variables.put("holdout", group.heldOut());
        journey.map(JourneyDeployment.Deployed::stage).ifPresent(stage -> variables.put("stage", stage));
        if (triggered.offerValue() != null) {
            variables.put("offerValue", triggered.offerValue());
        }
        // decisioning's call (ADR 0028): a journey with an RM review asks a checker after the RM when true
        variables.put("secondApproval", Boolean.TRUE.equals(triggered.secondApproval()));
        return client.newPublishMessageCommand()
                .messageName(triggered.trigger())
                .correlationKey(triggered.customerId())
                .messageId(triggered.sourceEventId())
                .timeToLive(triggerTtl)
                .variables(variables)
                .send().toCompletableFuture();
    }

    /**
     * The gRPC status of a failed command. The client's future throws its own {@link ClientStatusException} from
     * {@code join()}, where a plain CompletableFuture would wrap the cause in a CompletionException: both are read.
     */
    static Status.Code statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClientStatusException status) {
                return status.getStatusCode();
            }
        }
        return Status.fromThrowable(failure).getCode();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the engine pushed back", e);
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
     * Accepted bank events: a {@code bank.product.purchased} ends the conversion wait of the customer's journeys that
     * offered that product (correlation key {@code customerId:productCode}); TTL 0, so a purchase that no journey
     * waits for converts nothing. Other event types are ignored. The purchases of a batch are published together.
     */
    void acceptedEvents(List<CloudEvent> events) {
        var sends = new ArrayList<CompletableFuture<?>>();
        for (CloudEvent event : events) {
            if (!PRODUCT_PURCHASED_TYPE.equals(event.getType())) {
                continue;
            }
            String customerId = event.getSubject();
            var productCode = BeaconEvents.dataTree(event).path("productCode").asText(null);
            if (customerId == null || productCode == null) {
                log.warn("product purchase {} without subject or productCode ignored", event.getId());
                continue;
            }
            sends.add(client.newPublishMessageCommand()
                    .messageName(PRODUCT_PURCHASED)
                    .correlationKey(customerId + ":" + productCode)
                    .messageId(event.getId())
                    .timeToLive(Duration.ZERO)
                    .variables(Map.of("purchasedProductCode", productCode, "purchaseEventId", event.getId()))
                    .send().toCompletableFuture());
        }
        for (var send : sends) {
            try {
                send.join();
            } catch (RuntimeException e) {
                if (statusOf(e) != Status.Code.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
    }
}
