package io.beacon.decisioning;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.Topics;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.OutcomePublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Deciding on each profiled event: most events change the profile and start nothing; a trigger is recorded as a
 * decision and starts its journey. Only triggers reach Zeebe, the narrowest stage.
 */
@Service
public class TriggerEvaluation {

    private final Decisioning decisioning;
    private final DecisionRecords records;
    private final EventPublisher publisher;
    private final OutcomePublisher outcomes;
    private final Clock clock;

    public TriggerEvaluation(Decisioning decisioning, DecisionRecords records, EventPublisher publisher, OutcomePublisher outcomes, Clock clock) {
        this.decisioning = decisioning;
        this.records = records;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Decides a consumed batch: the rules run per event, the decision records of the batch are written with one bulk
     * insert, and every send is awaited once before the batch counts as done.
     */
    public void decideAll(List<ProfiledEvent> events) {
        var sends = new ArrayList<CompletableFuture<?>>();
        var decided = new ArrayList<DecisionRecords.TriggerDecision>();
        for (ProfiledEvent event : events) {
            decide(event, decided, sends);
        }
        records.recordTriggers(decided);
        EventPublisher.await(sends);
    }

    private void decide(ProfiledEvent event, List<DecisionRecords.TriggerDecision> decided, List<CompletableFuture<?>> sends) {
        var evaluation = decisioning.triggers(event, LocalDate.now(clock));
        String customerId = event.profile().customerId();
        for (var trigger : evaluation.decisions().triggers()) {
            String decisionId = UUID.nameUUIDFromBytes((event.eventSource() + " " + event.eventId() + " " + trigger.name())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            decided.add(new DecisionRecords.TriggerDecision(decisionId, customerId, event.eventId(), trigger,
                    evaluation.decisions().rulesFired(), evaluation.rulesVersion(), event.eventType()));
            // Published even when the record existed: the publish may be what failed before the redelivery;
            // the journey start is idempotent by the source event id.
            var triggered = new JourneyTriggered(customerId, trigger.name(), trigger.productCode(), event.eventId(), decisionId,
                    evaluation.rulesVersion(), Instant.now(clock));
            sends.add(publisher.publish(Topics.JOURNEYS_TRIGGERED, customerId,
                    BeaconEvents.build(decisionId, "/beacon/decisioning", "beacon.journey.triggered", customerId, triggered)));
            sends.add(outcomes.publishAsync(new OfferOutcome(OutcomeType.TRIGGERED, customerId, null, null, "Decision_Trigger", trigger.name(),
                    trigger.productCode(), null, null, trigger.rule(), event.eventId(), decisionId, Instant.now(clock))));
        }
    }
}
