package io.beacon.decisioning;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.Topics;
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

    static final String STEP = "Decision_Trigger";

    private final Decisioning decisioning;
    private final DecisionRecords records;
    private final ContactHistory history;
    private final EventPublisher publisher;
    private final OutcomePublisher outcomes;
    private final Clock clock;

    public TriggerEvaluation(Decisioning decisioning, DecisionRecords records, ContactHistory history, EventPublisher publisher,
                             OutcomePublisher outcomes, Clock clock) {
        this.decisioning = decisioning;
        this.records = records;
        this.history = history;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Decides a consumed batch: triggers first (no I/O), then the offer history of only the customers with a trigger
     * (two queries), the decision records of the batch in one bulk insert, and every send awaited once before the batch
     * counts as done.
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
        var histories = history.historyOf(customers, now);

        var sends = new ArrayList<CompletableFuture<?>>();
        var decided = new ArrayList<Document>();
        for (var entry : triggered) {
            ProfiledEvent event = entry.getKey();
            decide(base, event, entry.getValue(), today, now, histories.get(event.profile().customerId()), decided, sends);
        }
        records.record(decided);
        EventPublisher.await(sends);
    }

    private void decide(RuleBase base, ProfiledEvent event, Decisions triggers, LocalDate today, Instant now, OfferHistory customerHistory,
                        List<Document> decided, List<CompletableFuture<?>> sends) {
        String customerId = event.profile().customerId();
        String decisionId = decisionId(event);
        // A redelivered event finds the journey its own first delivery started: that one is not "another" journey.
        customerHistory = new OfferHistory(customerHistory.rejections(),
                customerHistory.running().stream().filter(r -> !decisionId.equals(r.decisionId())).toList(), customerHistory.coolingOffDays());
        var decision = Decisioning.decide(base, event, today, customerHistory, triggers);
        var won = decision.winningOffer();
        if (won.isPresent() && !history.claim(customerId, won.get().productCode(), decisionId, now)) {
            // Another decision (a racing event of this customer, possibly in this very batch) started the journey first.
            decision = decision.withWinnerSuppressed(ReasonCode.JOURNEY_RUNNING,
                    "a journey for this customer and " + won.get().productCode() + " started meanwhile: one running journey per customer and offer");
        }
        decided.add(DecisionDocument.of(decisionId, event, decision, customerHistory, base.catalogue(), now));

        for (var offer : decision.offers()) {
            if (offer.result() == OfferDecision.Result.WON) {
                // Published even when the record existed: the publish may be what failed before the redelivery;
                // the journey start is idempotent by the source event id.
                var triggered = new JourneyTriggered(customerId, offer.trigger(), offer.productCode(), event.eventId(), decisionId,
                        decision.rulesVersion(), now);
                sends.add(publisher.publish(Topics.JOURNEYS_TRIGGERED, customerId,
                        BeaconEvents.build(decisionId, "/beacon/decisioning", "beacon.journey.triggered", customerId, triggered)));
                sends.add(outcomes.publishAsync(new OfferOutcome(OutcomeType.TRIGGERED, customerId, null, null, STEP, offer.trigger(),
                        offer.productCode(), null, null, offer.triggerRule(), event.eventId(), decisionId, now)));
            } else {
                // one outcome per offer: the step names the offer, so each has its own event id
                sends.add(outcomes.publishAsync(new OfferOutcome(OutcomeType.SUPPRESSED, customerId, null, null,
                        STEP + ":" + offer.trigger() + ":" + offer.productCode(), offer.trigger(), offer.productCode(), null,
                        offer.reason(), offer.why(), event.eventId(), decisionId, now)));
            }
        }
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
