package io.beacon.decisioning.zeebe;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.EngineReplaced;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.contracts.Topics;
import io.beacon.decisioning.mongo.ContactHistory;
import io.beacon.decisioning.mongo.DecisionRecords;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.platform.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-creates the journeys an engine lost (ADR 0020). The journeys service found a new, empty engine and redeployed
 * the journeys ({@link EngineReplaced} on {@link Topics#JOURNEYS_ENGINE}); what was running on the lost engine is
 * what Beacon's own durable records say: every running-journey claim (ADR 0010) made before the loss was noticed and
 * not yet ended by a terminal outcome. For each, the trigger its decision published is published again, from the
 * decision record, with the same source event id: it starts the journey again like any trigger, and where the trigger
 * reached the new engine already (it was still on its way), the engine refuses the second one by that message id.
 * The re-created journey runs its checks again on today's facts; its sends are answered from the delivery ledger, so
 * an offer sent before the loss is not sent again.
 *
 * <p>A claim whose decision record is missing cannot be re-created: it is released, so that it never blocks the
 * customer's next offer for the rest of its 35 days.
 */
public class JourneyRecreation {

    /** The CloudEvent source of a re-created trigger, so readers of the topic can tell it from a first one. */
    public static final String SOURCE = "/beacon/decisioning/recreation";
    private static final Logger log = LoggerFactory.getLogger(JourneyRecreation.class);
    private static final int PAGE = 500;

    private final ContactHistory history;
    private final DecisionRecords records;
    private final EventPublisher publisher;
    private final Clock clock;
    private final java.util.function.Supplier<RuleBase> rules;

    /** @param rules today's rules, whose catalogue says whether the re-created journey needs a checker (ADR 0028) */
    public JourneyRecreation(ContactHistory history, DecisionRecords records, EventPublisher publisher, Clock clock,
                      java.util.function.Supplier<RuleBase> rules) {
        this.history = history;
        this.records = records;
        this.publisher = publisher;
        this.clock = clock;
        this.rules = rules;
    }

    /** Publishes the triggers again and waits until the broker has them all; a failure redelivers the request. */
    public int recreate(EngineReplaced replaced) {
        Instant now = clock.instant();
        var claims = history.runningClaimedBefore(replaced.detectedAt(), now);
        int recreated = 0;
        int released = 0;
        for (int from = 0; from < claims.size(); from += PAGE) {
            var page = claims.subList(from, Math.min(from + PAGE, claims.size()));
            var decisions = records.decisions(page.stream().map(ContactHistory.RunningClaim::decisionId).toList());
            var sends = new ArrayList<CompletableFuture<?>>(page.size());
            for (var claim : page) {
                Document decision = decisions.get(claim.decisionId());
                if (decision == null || decision.getString("trigger") == null || decision.getString("sourceEventId") == null) {
                    history.end(claim.customerId(), claim.productCode(), claim.decisionId());
                    released++;
                    log.warn("running journey of decision {} ({}) released: no decision record with its trigger to re-create it from",
                            claim.decisionId(), claim.productCode());
                    continue;
                }
                var triggered = new JourneyTriggered(claim.customerId(), decision.getString("trigger"), claim.productCode(),
                        decision.getString("sourceEventId"), claim.decisionId(), decision.getString("rulesVersion"),
                        decision.getDate("at") == null ? claim.startedAt() : decision.getDate("at").toInstant(), winnerValue(decision),
                        rules == null ? null : rules.get().needsSecondApproval(claim.productCode()));
                sends.add(publisher.publish(Topics.JOURNEYS_TRIGGERED, claim.customerId(), BeaconEvents.build(
                        claim.decisionId() + "/engine-" + replaced.epoch(), SOURCE, "beacon.journey.triggered", claim.customerId(), triggered)));
                recreated++;
            }
            EventPublisher.await(sends);
        }
        log.warn("engine epoch {}: the triggers of {} journeys running at {} published again to re-create them; {} claim(s) without "
                + "a decision record released", replaced.epoch(), recreated, replaced.detectedAt(), released);
        return recreated;
    }

    /** The expected value arbitration gave the decision's winner, null when the record has none. */
    static Double winnerValue(Document decision) {
        for (Document offer : decision.getList("offers", Document.class, List.of())) {
            if ("WON".equals(offer.getString("result")) && offer.get("arbitration") instanceof Document arbitration
                    && arbitration.get("expectedValue") instanceof Number value) {
                return value.doubleValue();
            }
        }
        return null;
    }
}
