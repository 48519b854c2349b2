package io.beacon.decisioning.decision;

import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.ReasonCode;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.decisioning.rules.RunningJourney;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A proposed rules version run over recorded events beside the live one, with no side effect (ADR 0029): each event is
 * decided by both, on the day it was recorded, and the two are counted and compared. Nothing is written, published or
 * claimed; the only state is each side's own memory of the journeys it started during the replay (one running journey
 * per customer and offer), so the live side is the live rules' verdicts on the same events, not a copy of what was
 * recorded then. Cooling-off periods and journeys started before the window are not known to either side: both see a
 * customer with no earlier history, so every difference is the change's own.
 */
public final class ShadowReplay {

    /** One event as recorded on beacon.events.profiled. */
    public record Recorded(ProfiledEvent event, Instant at) {
    }

    /** Counts of one thing (a trigger, a reason, an offer on a journey) on each side. */
    public record Line(String what, long live, long proposed) {
        public long difference() {
            return proposed - live;
        }
    }

    /** A customer whose outcome differs, on one event; the customer id masked. */
    public record Change(String customer, String eventType, Instant at, String live, String proposed) {
    }

    public record Report(String liveVersion, String proposedVersion, Instant from, Instant to, long events, long decided,
                         List<Line> triggers, List<Line> suppressions, List<Line> offers, long changedEvents,
                         long changedCustomers, List<Change> sample, String method) {

        /** Whether the proposed version decides any recorded event differently. */
        public boolean changesAnything() {
            return changedEvents > 0;
        }
    }

    public static final String METHOD = "Each recorded event is decided by the live and by the proposed rules on the day it was "
            + "recorded, with no side effect. Each side remembers only the journeys it started itself during the replay (one "
            + "running journey per customer and offer); neither knows of cooling-off periods or journeys from before the window.";

    private final RuleBase live;
    private final RuleBase proposed;
    private final Map<String, String> liveJourneys;
    private final Map<String, String> proposedJourneys;
    private final int sampleSize;

    private final Side liveSide = new Side();
    private final Side proposedSide = new Side();
    private final List<Change> sample = new ArrayList<>();
    private final Set<String> changedCustomers = new HashSet<>();
    private long events;
    private long decided;
    private long changedEvents;
    private Instant from;
    private Instant to;

    /**
     * @param liveJourneys     trigger → the journey it starts now
     * @param proposedJourneys trigger → the journey it would start with the proposal (the same map when the proposal
     *                         changes no journey)
     */
    public ShadowReplay(RuleBase live, RuleBase proposed, Map<String, String> liveJourneys, Map<String, String> proposedJourneys, int sampleSize) {
        this.live = live;
        this.proposed = proposed;
        this.liveJourneys = liveJourneys;
        this.proposedJourneys = proposedJourneys;
        this.sampleSize = sampleSize;
    }

    /** Decides one recorded event on both sides. Events of one customer must come in the order they were recorded. */
    public void accept(Recorded recorded) {
        events++;
        from = from == null || recorded.at().isBefore(from) ? recorded.at() : from;
        to = to == null || recorded.at().isAfter(to) ? recorded.at() : to;
        LocalDate day = LocalDate.ofInstant(recorded.at(), ZoneOffset.UTC);
        String before = liveSide.decide(live, recorded.event(), day, liveJourneys);
        String after = proposedSide.decide(proposed, recorded.event(), day, proposedJourneys);
        if (before != null || after != null) {
            decided++;
        }
        if (!java.util.Objects.equals(before, after)) {
            changedEvents++;
            String customer = recorded.event().profile().customerId();
            if (changedCustomers.add(customer) && sample.size() < sampleSize) {
                sample.add(new Change(masked(customer), recorded.event().eventType(), recorded.at(),
                        before == null ? "no trigger" : before, after == null ? "no trigger" : after));
            }
        }
    }

    public Report report() {
        return new Report(live.version(), proposed.version(), from, to, events, decided,
                lines(liveSide.triggers, proposedSide.triggers), lines(liveSide.suppressions, proposedSide.suppressions),
                lines(liveSide.offers, proposedSide.offers), changedEvents, changedCustomers.size(), List.copyOf(sample), METHOD);
    }

    /** A customer id shown with its middle hidden: enough to tell rows apart, not to look a customer up. */
    static String masked(String customerId) {
        if (customerId == null || customerId.length() <= 4) {
            return "****";
        }
        return customerId.substring(0, 2) + "*".repeat(customerId.length() - 4) + customerId.substring(customerId.length() - 2);
    }

    private static List<Line> lines(Map<String, Long> live, Map<String, Long> proposed) {
        var keys = new TreeMap<String, Boolean>();
        live.keySet().forEach(k -> keys.put(k, true));
        proposed.keySet().forEach(k -> keys.put(k, true));
        var lines = new ArrayList<Line>();
        keys.keySet().forEach(k -> lines.add(new Line(k, live.getOrDefault(k, 0L), proposed.getOrDefault(k, 0L))));
        return lines;
    }

    /** One version's counts and its memory of the journeys it started. */
    private static final class Side {
        final Map<String, Long> triggers = new HashMap<>();
        final Map<String, Long> suppressions = new HashMap<>();
        final Map<String, Long> offers = new HashMap<>();
        final Map<String, List<RunningJourney>> running = new HashMap<>();

        /** @return what the event came to on this side (null when it raised no trigger) */
        String decide(RuleBase base, ProfiledEvent event, LocalDate day, Map<String, String> journeys) {
            var triggered = Decisioning.triggers(base, event, day).decisions();
            if (triggered.triggers().isEmpty()) {
                return null;
            }
            String customer = event.profile().customerId();
            var history = new OfferHistory(List.of(), running.getOrDefault(customer, List.of()), OfferHistory.DEFAULT_COOLING_OFF_DAYS);
            var decision = Decisioning.decide(base, event, day, history, triggered);
            triggered.triggers().forEach(t -> triggers.merge(t.name(), 1L, Long::sum));
            for (var offer : decision.offers()) {
                if (offer.result() == OfferDecision.Result.SUPPRESSED) {
                    for (ReasonCode reason : offer.reasonCodes()) {
                        suppressions.merge(reason.name(), 1L, Long::sum);
                    }
                }
            }
            var won = decision.winningOffer();
            if (won.isEmpty()) {
                var reasons = decision.offers().stream().flatMap(o -> o.reasonCodes().stream()).map(Enum::name).distinct().sorted().toList();
                return "suppressed " + String.join(", ", reasons);
            }
            var offer = won.get();
            String journey = journeys.getOrDefault(offer.trigger(), "(no journey)");
            offers.merge(offer.productCode() + " on " + journey, 1L, Long::sum);
            running.computeIfAbsent(customer, c -> new ArrayList<>()).add(new RunningJourney(offer.productCode(), "replay"));
            return offer.productCode() + " on " + journey;
        }
    }
}
