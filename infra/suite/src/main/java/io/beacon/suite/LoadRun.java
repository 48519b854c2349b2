package io.beacon.suite;

import io.beacon.contracts.BankEventType;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.Topics;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * What one load run did, counted from the records of the pipeline's topics, its own only. The run id is in every
 * customer id ({@code L<run>-<n>}, the record key on every topic) and every event id ({@code load-<run>-...}); the
 * event id is what Beacon's own records carry downstream ({@code ProfiledEvent.eventId},
 * {@code JourneyTriggered.sourceEventId}, {@code OfferOutcome.sourceEventId}), so a record of another run, of the
 * sample or of a bank counts for nothing here. Records are matched by key first, so other traffic costs no parsing.
 * <p>
 * An event is <em>decided</em> once the decisioning consumer group has committed past its record on
 * beacon.events.profiled; a journey has <em>started</em> once the journeys group has committed past its trigger on
 * beacon.journeys.triggered (the message start is with Zeebe) or once it recorded any outcome; it has <em>ended</em>
 * on its own terminal outcome ({@link OfferOutcome#endsJourney()}, ADR 0010). A journey that waits (a SENT offer for
 * its 30-day conversion, an RM review, the send time after quiet hours) has not ended and is not lost either.
 * Thread-safe: a follower feeds records while the generator asks for a {@link Summary}.
 */
final class LoadRun {

    /** Where a journey that has not ended stands, as far as beacon.offers tells. */
    enum Waiting {
        CONVERSION("SENT, awaiting conversion (30 days)", true),
        MEASURING("held out, measuring conversion (30 days)", true),
        REVIEW("awaiting an RM review", true),
        NO_OUTCOME_YET("started, no outcome yet: in flight, or waiting for the send time (quiet hours)", false),
        FALLING_BACK("a channel FAILED or SUPPRESSED: falling back, or not delivered (an incident)", false),
        NOT_STARTED("triggered, not started yet", false);

        final String label;
        /** A wait that lasts beyond any run: reported as waiting, and the run does not wait for it to end. */
        final boolean lasting;

        Waiting(String label, boolean lasting) {
            this.label = label;
            this.lasting = lasting;
        }
    }

    /** A record's place on its topic. */
    private record Position(TopicPartition partition, long offset) {
        boolean below(Map<TopicPartition, Long> committed) {
            Long next = committed.get(partition);
            return next != null && offset < next;
        }
    }

    private static final class Journey {
        final String trigger;
        Position triggeredAt;
        boolean outcome;
        String ended;
        boolean sent;
        boolean heldOut;
        boolean reviewRequested;
        boolean channelSetback;

        Journey(String trigger) {
            this.trigger = trigger;
        }
    }

    private final String id;
    private final String customerPrefix;
    private final String eventPrefix;

    private final Set<String> published = new HashSet<>();
    private Instant lastPublishedAt;
    private final Set<String> accepted = new HashSet<>();
    private final Map<String, Position> consentAccepted = new HashMap<>();
    private int refused;
    private final Map<String, Position> profiled = new HashMap<>();
    private final Map<String, Journey> journeys = new LinkedHashMap<>();
    private final Set<String> outcomeIds = new HashSet<>();
    private final Map<String, Integer> decisionSuppressions = new TreeMap<>();
    private final Map<String, Integer> sends = new TreeMap<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private int journeyOutcomes;
    private Instant lastJourneyOutcomeAt;
    private int unreadable;

    LoadRun(String id) {
        this.id = id;
        this.customerPrefix = "L" + id + "-";
        this.eventPrefix = "load-" + id + "-";
    }

    /** A new run id: the time in base 36, so runs sort by their start and never share one. */
    static String newId() {
        return Long.toString(System.currentTimeMillis(), 36);
    }

    String id() {
        return id;
    }

    /** The run's n-th customer. */
    String customerId(int n) {
        return customerPrefix + n;
    }

    /** An event id of the run: the run's prefix, then what tells the run's events apart. */
    String eventId(String suffix) {
        return eventPrefix + suffix;
    }

    /** The generator published one of the run's events. */
    synchronized void published(String eventId) {
        if (!eventId.startsWith(eventPrefix)) {
            throw new IllegalArgumentException("not an event of run " + id + ": " + eventId);
        }
        published.add(eventId);
        lastPublishedAt = Instant.now();
    }

    /**
     * One record of bank.events.rejected, beacon.events.accepted, beacon.events.profiled, beacon.journeys.triggered or
     * beacon.offers; anything not of this run is ignored.
     *
     * @param timestamp the record's timestamp (epoch millis): when its producer published it
     */
    synchronized void record(String topic, int partition, long offset, long timestamp, String key, byte[] value) {
        if (key == null || !key.startsWith(customerPrefix) || value == null) {
            return;
        }
        if (topic.equals(Topics.BANK_EVENTS_REJECTED)) {
            refused++; // the record as received, keyed by its subject: one of the run's customers
            return;
        }
        CloudEvent event;
        try {
            event = BeaconEvents.deserialize(value);
        } catch (RuntimeException e) {
            unreadable++;
            return;
        }
        var position = new Position(new TopicPartition(topic, partition), offset);
        switch (topic) {
            case Topics.EVENTS_ACCEPTED -> {
                if (event.getId().startsWith(eventPrefix) && accepted.add(event.getId())
                        && BankEventType.CONSENT_CHANGED.type().equals(event.getType())) {
                    consentAccepted.put(event.getId(), position);
                }
            }
            case Topics.EVENTS_PROFILED -> {
                if (event.getId().startsWith(eventPrefix)) {
                    profiled.putIfAbsent(event.getId(), position);
                }
            }
            case Topics.JOURNEYS_TRIGGERED -> {
                var triggered = BeaconEvents.data(event, JourneyTriggered.class);
                if (ours(triggered.sourceEventId())) {
                    var journey = journey(triggered.decisionId(), triggered.sourceEventId(), triggered.trigger());
                    if (journey.triggeredAt == null) {
                        journey.triggeredAt = position;
                    }
                }
            }
            case Topics.OFFERS -> outcome(BeaconEvents.data(event, OfferOutcome.class), Instant.ofEpochMilli(timestamp));
            default -> {
            }
        }
    }

    private boolean ours(String eventId) {
        return eventId != null && eventId.startsWith(eventPrefix);
    }

    private Journey journey(String decisionId, String sourceEventId, String trigger) {
        return journeys.computeIfAbsent((decisionId != null ? decisionId : sourceEventId) + "|" + trigger, k -> new Journey(trigger));
    }

    private void outcome(OfferOutcome outcome, Instant at) {
        if (!ours(outcome.sourceEventId()) || !outcomeIds.add(outcome.eventId())) {
            return; // another run's, or a retried step's repeat
        }
        if (outcome.journey() == null) {
            // the decision itself: TRIGGERED (its journey is counted from beacon.journeys.triggered) or SUPPRESSED
            if (outcome.type() == OutcomeType.SUPPRESSED) {
                decisionSuppressions.merge(String.valueOf(outcome.reason()), 1, Integer::sum);
            }
            return;
        }
        journeyOutcomes++;
        if (lastJourneyOutcomeAt == null || at.isAfter(lastJourneyOutcomeAt)) {
            lastJourneyOutcomeAt = at;
        }
        var journey = journey(outcome.decisionId(), outcome.sourceEventId(), outcome.trigger());
        journey.outcome = true;
        if (outcome.endsJourney()) {
            if (journey.ended == null) {
                journey.ended = outcome.type() == OutcomeType.SUPPRESSED ? "SUPPRESSED " + outcome.reason() : outcome.type().name();
            }
            return;
        }
        String channel = outcome.channel() == null ? "?" : outcome.channel();
        switch (outcome.type()) {
            case SENT -> {
                journey.sent = true;
                sends.merge(channel, 1, Integer::sum);
            }
            case FAILED -> {
                journey.channelSetback = true;
                failures.merge(channel, 1, Integer::sum);
            }
            case SUPPRESSED -> journey.channelSetback = true;
            case HELD_OUT -> journey.heldOut = true;
            case REVIEW_REQUESTED -> journey.reviewRequested = true;
            default -> {
            }
        }
    }

    /**
     * The run so far.
     *
     * @param decided the decisioning group's committed offsets on beacon.events.profiled
     * @param started the journeys group's committed offsets on beacon.journeys.triggered
     * @param consentRecorded the consent group's committed offsets on beacon.events.accepted
     */
    synchronized Summary summary(Map<TopicPartition, Long> decided, Map<TopicPartition, Long> started,
                                 Map<TopicPartition, Long> consentRecorded) {
        int decidedCount = (int) profiled.values().stream().filter(p -> p.below(decided)).count();
        Map<String, Integer> triggers = new TreeMap<>();
        Map<String, Integer> ended = new TreeMap<>();
        Map<Waiting, Integer> waiting = new EnumMap<>(Waiting.class);
        int startedCount = 0;
        for (Journey journey : journeys.values()) {
            if (journey.triggeredAt != null) {
                triggers.merge(journey.trigger, 1, Integer::sum);
            }
            boolean hasStarted = journey.outcome || journey.triggeredAt.below(started);
            if (hasStarted) {
                startedCount++;
            }
            if (journey.ended != null) {
                ended.merge(journey.ended, 1, Integer::sum);
            } else {
                waiting.merge(!hasStarted ? Waiting.NOT_STARTED : journey.sent ? Waiting.CONVERSION
                        : journey.heldOut ? Waiting.MEASURING
                        : journey.reviewRequested ? Waiting.REVIEW
                        : journey.channelSetback ? Waiting.FALLING_BACK : Waiting.NO_OUTCOME_YET, 1, Integer::sum);
            }
        }
        int consents = consentAccepted.size();
        int consentsRecorded = (int) consentAccepted.values().stream().filter(p -> p.below(consentRecorded)).count();
        return new Summary(id, published.size(), accepted.size(), refused, profiled.size(), decidedCount, consents, consentsRecorded,
                triggers, startedCount, ended, waiting, Map.copyOf(decisionSuppressions), Map.copyOf(sends), Map.copyOf(failures),
                journeyOutcomes, lastPublishedAt, lastJourneyOutcomeAt, unreadable);
    }

    /**
     * The counts of one run at one moment.
     *
     * @param published distinct events the run published (onboarding and consent included)
     * @param decided of them, the ones the decisioning consumer has committed past
     * @param triggers journeys triggered per trigger name (beacon.journeys.triggered)
     * @param ended journeys ended per terminal outcome ("SUPPRESSED reason" for a journey's own suppression)
     * @param sends SENT per channel; {@code failures}: FAILED per channel (a journey then falls back)
     * @param decisionSuppressions offers suppressed at decision, per reason (no journey starts for them)
     */
    record Summary(String run, int published, int accepted, int refused, int reachedDecisioning, int decided,
                   int consents, int consentsRecorded, Map<String, Integer> triggers, int started,
                   Map<String, Integer> ended, Map<Waiting, Integer> waiting, Map<String, Integer> decisionSuppressions,
                   Map<String, Integer> sends, Map<String, Integer> failures, int journeyOutcomes,
                   Instant lastPublishedAt, Instant lastJourneyOutcomeAt, int unreadable) {

        /** Every event of the run reached a decision: the load generator's verdict and exit code. */
        boolean noLoss() {
            return published > 0 && decided == published;
        }

        int triggerCount() {
            return total(triggers);
        }

        int endedCount() {
            return total(ended);
        }

        /** Journeys started that have not ended (a trigger the journeys service has not taken yet is not counted). */
        int waitingCount() {
            return waiting.entrySet().stream().filter(e -> e.getKey() != Waiting.NOT_STARTED).mapToInt(Map.Entry::getValue).sum();
        }

        /** Nothing more to wait for: every event decided, every journey ended or in a wait that outlasts any run. */
        boolean settled() {
            return noLoss() && waiting.keySet().stream().allMatch(w -> w.lasting);
        }

        /** From the last event published to the last outcome of the run's journeys on beacon.offers; null without one. */
        Duration lastJourneyOutcomeAfterLastEvent() {
            return lastPublishedAt == null || lastJourneyOutcomeAt == null ? null : Duration.between(lastPublishedAt, lastJourneyOutcomeAt);
        }

        /** One progress line (no newline). */
        String progress(double seconds, long intakeLag, long profilesLag, long decisioningLag) {
            return String.format(Locale.ROOT, "  t=%4.0f s published %d, decided %d, triggers %d, journey outcomes %d (journeys ended %d), "
                            + "lag: intake %d, profiles %d, decisioning %d",
                    seconds, published, decided, triggerCount(), journeyOutcomes, endedCount(), intakeLag, profilesLag, decisioningLag);
        }

        /** The report's lines about the run's own events and journeys. */
        List<String> report() {
            var lines = new ArrayList<String>();
            lines.add(String.format(Locale.ROOT, "  events of run %s decided: %d of %d (%s); accepted by intake %d, refused %d, reached decisioning %d",
                    run, decided, published, noLoss() ? "no loss" : "MISMATCH", accepted, refused, reachedDecisioning));
            lines.add(String.format(Locale.ROOT, "  triggers: %d%s; offers suppressed at decision: %d%s",
                    triggerCount(), breakdown(triggers), total(decisionSuppressions), breakdown(decisionSuppressions)));
            lines.add(String.format(Locale.ROOT, "  journeys: %d started, %d ended%s, %d waiting, %d not started yet",
                    started, endedCount(), breakdown(ended), waitingCount(), waiting.getOrDefault(Waiting.NOT_STARTED, 0)));
            for (Waiting w : Waiting.values()) {
                if (w != Waiting.NOT_STARTED && waiting.containsKey(w)) {
                    lines.add(String.format(Locale.ROOT, "    waiting, %s: %d", w.label, waiting.get(w)));
                }
            }
            lines.add(String.format(Locale.ROOT, "  sends by channel: sms %d, push %d, email %d%s; failed: %s",
                    sends.getOrDefault("sms", 0), sends.getOrDefault("push", 0), sends.getOrDefault("email", 0),
                    sends.keySet().stream().filter(c -> !Set.of("sms", "push", "email").contains(c))
                            .map(c -> ", " + c + " " + sends.get(c)).collect(Collectors.joining()),
                    failures.isEmpty() ? "none" : failures.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", "))));
            Duration last = lastJourneyOutcomeAfterLastEvent();
            lines.add(last == null ? "  last journey outcome: none on beacon.offers"
                    : String.format(Locale.ROOT, "  last journey outcome %.1f s after the last event (journey outcomes on beacon.offers: %d)",
                    last.toMillis() / 1000.0, journeyOutcomes));
            return lines;
        }

        private static int total(Map<String, Integer> counts) {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        private static String breakdown(Map<String, Integer> counts) {
            return counts.isEmpty() ? "" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ", " (", ")"));
        }
    }
}
