package io.beacon.decisioning.kafka;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.Topics;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.JourneyCatalogue;
import io.beacon.decisioning.decision.OfferDecision;
import io.beacon.decisioning.decision.OfferHistory;
import io.beacon.decisioning.mongo.ContactHistory;
import io.beacon.decisioning.mongo.DecisionDocument;
import io.beacon.decisioning.mongo.DecisionRecords;
import io.beacon.decisioning.rules.Decisions;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.OutcomePublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.springframework.stereotype.Service;

/**
 * Deciding on each profiled event: most events change the profile and start nothing (no record: nothing was
 * decided). An event that raises a trigger is decided in full (eligibility, suitability, cooling-off, one running
 * journey per offer, arbitration) and recorded, whether an offer goes ahead or everything is suppressed; only the
 * winning offer starts a journey, so only it reaches Zeebe, the narrowest stage.
 */
@Service
public class TriggerEvaluation {

    static final String STEP = OfferOutcome.DECISION_STEP;

    private final Decisioning decisioning;
    private final DecisionRecords records;
    private final ContactHistory history;
    private final EventPublisher publisher;
    private final OutcomePublisher outcomes;
    private final JourneyCatalogue journeys;
    private final Clock clock;

    public TriggerEvaluation(Decisioning decisioning, DecisionRecords records, ContactHistory history, EventPublisher publisher,
                             OutcomePublisher outcomes, JourneyCatalogue journeys, Clock clock) {
        this.journeys = journeys;
        this.decisioning = decisioning;
        this.records = records;
        this.history = history;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Decides a consumed batch: triggers first (no I/O), then the offer history of only the customers with a trigger
     * (two queries, side by side), the journey claims of the winners in one bulk write, then the decision records of
     * the batch in one bulk insert while every send is flushed; both are awaited before the batch counts as done (its
     * offsets are committed only then: a failure anywhere redelivers the batch, and every step is idempotent).
     */
    public void decideAll(List<ProfiledEvent> events) {
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        // A customer's decline cools the product off (ADR 0010): recorded before the history of the batch is read, so
        // an offer of that product triggered in the same batch is already suppressed.
        for (ProfiledEvent event : events) {
            if (DECLINED.equals(event.eventType())) {
                history.declined(event.profile().customerId(), event.data().path("productCode").asText(null),
                        declinedAt(event, now), event.eventSource() + " " + event.eventId());
            }
        }
        // one version for the whole batch, and the trigger rules run once per event
        var base = decisioning.ruleBase();
        // a list, not a map: a redelivered event may sit in the batch twice, and each copy is decided (and published)
        var triggered = new ArrayList<java.util.Map.Entry<ProfiledEvent, Decisions>>();
        for (ProfiledEvent event : events) {
            var triggers = Decisioning.triggers(base, event, today).decisions();
            if (!triggers.triggers().isEmpty()) {
                triggered.add(java.util.Map.entry(event, triggers));
            }
        }
        if (triggered.isEmpty()) {
            return;
        }
        var customers = new LinkedHashSet<String>();
        triggered.forEach(e -> customers.add(e.getKey().profile().customerId()));
        var histories = history.historyOf(customers, base.catalogue().keySet(), now);

        var decisions = new ArrayList<Decided>(triggered.size());
        var claims = new ArrayList<ContactHistory.Claim>();
        for (var entry : triggered) {
            ProfiledEvent event = entry.getKey();
            String decisionId = decisionId(event);
            var customerHistory = histories.get(event.profile().customerId());
            // A redelivered event finds the journey its own first delivery started: that one is not "another" journey.
            customerHistory = new OfferHistory(customerHistory.rejections(),
                    customerHistory.running().stream().filter(r -> !decisionId.equals(r.decisionId())).toList(), customerHistory.coolingOffDays());
            var decision = Decisioning.decide(base, event, today, customerHistory, entry.getValue());
            var won = decision.winningOffer();
            int claim = -1;
            if (won.isPresent()) {
                claim = claims.size();
                claims.add(new ContactHistory.Claim(event.profile().customerId(), won.get().productCode(), decisionId));
            }
            decisions.add(new Decided(event, decisionId, decision, customerHistory, claim));
        }
        // One write for every winner's claim, each judged as if claimed in the order of the batch.
        boolean[] claimed = history.claimAll(claims, now);

        var sends = new ArrayList<CompletableFuture<?>>();
        var records = new ArrayList<Document>(decisions.size());
        for (Decided d : decisions) {
            var decision = d.decision();
            if (d.claim() >= 0 && !claimed[d.claim()]) {
                // Another decision (a racing event of this customer, possibly in this very batch) started the journey first.
                decision = decision.withWinnerSuppressed(ReasonCode.JOURNEY_RUNNING, "a journey for this customer and "
                        + claims.get(d.claim()).productCode() + " started meanwhile: one running journey per customer and offer");
            }
            records.add(DecisionDocument.of(d.decisionId(), d.event(), decision, d.history(), base.catalogue(), now));
            publish(base, d.event(), d.decisionId(), decision, now, sends);
        }
        // The records are written while the outcomes go to the broker now (not after the producer's linger): the
        // decision is out as soon as both are done. A journey that reads its record before it is written retries.
        var written = CompletableFuture.runAsync(() -> this.records.record(records), ContactHistory.IO);
        publisher.flush();
        written.join();
        EventPublisher.await(sends);
    }

    /** A decision of the batch before its journey claim; {@code claim} indexes the batch's claims, -1 when nothing won. */
    private record Decided(ProfiledEvent event, String decisionId, OfferDecision decision, OfferHistory history, int claim) {
    }

    private void publish(RuleBase base, ProfiledEvent event, String decisionId, OfferDecision decision, Instant now, List<CompletableFuture<?>> sends) {
        String customerId = event.profile().customerId();
        for (var offer : decision.offers()) {
            if (offer.result() == OfferDecision.Result.WON) {
                // Published even when the record existed: the publish may be what failed before the redelivery;
                // the journey start is idempotent by the source event id.
                var triggered = new JourneyTriggered(customerId, offer.trigger(), offer.productCode(), event.eventId(), decisionId,
                        decision.rulesVersion(), now, offer.ranking() == null ? null : offer.ranking().expectedValue(),
                        base.needsSecondApproval(offer.productCode()), event.profile().timeZone());
                sends.add(publisher.publish(Topics.JOURNEYS_TRIGGERED, customerId,
                        BeaconEvents.build(decisionId, "/beacon/decisioning", "beacon.journey.triggered", customerId, triggered)));
                sends.add(outcomes.publishAsync(labelled(new OfferOutcome(OutcomeType.TRIGGERED, customerId, null, null, STEP, offer.trigger(),
                        offer.productCode(), null, null, offer.triggerRule(), event.eventId(), decisionId, now))));
            } else {
                // one outcome per offer: the step names the offer, so each has its own event id
                sends.add(outcomes.publishAsync(labelled(new OfferOutcome(OutcomeType.SUPPRESSED, customerId, null, null,
                        STEP + ":" + offer.trigger() + ":" + offer.productCode(), offer.trigger(), offer.productCode(), null,
                        offer.reason(), offer.why(), event.eventId(), decisionId, now))));
            }
        }
    }

    /**
     * The outcome with the journey its trigger starts (its version and stage), so the journey's funnel starts here;
     * the journey instance stays empty, none is running. Unlabelled only when no deployed journey starts the trigger.
     */
    private OfferOutcome labelled(OfferOutcome outcome) {
        return journeys.startedBy(outcome.trigger()).map(j -> outcome.labelled(j.journey(), j.version(), j.stage())).orElse(outcome);
    }

    static final String DECLINED = io.beacon.contracts.BankEventType.OFFER_DECLINED.type();

    /** When the customer declined: the event's {@code declinedAt} (intake holds it to its schema), else now. */
    static Instant declinedAt(ProfiledEvent event, Instant now) {
        try {
            return java.time.OffsetDateTime.parse(event.data().path("declinedAt").asText()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return now;
        }
    }

    /** One decision per event: the same event redelivered gets the same id, and its record stays as first written. */
    static String decisionId(ProfiledEvent event) {
        return UUID.nameUUIDFromBytes((event.eventSource() + " " + event.eventId()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
