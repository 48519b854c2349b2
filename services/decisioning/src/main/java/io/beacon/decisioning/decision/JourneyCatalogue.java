package io.beacon.decisioning.decision;

import io.beacon.contracts.JourneyDeployed;
import io.beacon.contracts.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which journey each trigger starts, with its version and lifecycle stage: the journeys service's
 * {@link Topics#JOURNEYS_CATALOGUE} (compacted, latest record per journey), read from its beginning by a consumer of
 * no group at start and followed from then on ({@link io.beacon.decisioning.kafka.JourneyCatalogueTopic}). Decisioning
 * labels the outcomes it publishes (TRIGGERED, and SUPPRESSED at the decision) with the journey the trigger starts, so a
 * journey's funnel starts at its own triggered count.
 */
public class JourneyCatalogue {

    /** What an outcome is labelled with. */
    public record Label(String journey, int version, String stage) {
    }

    private final Map<String, JourneyDeployed> byJourney = new ConcurrentHashMap<>();
    private volatile Map<String, Label> byTrigger = Map.of();

    /** A catalogue known in advance (tests, tools): nothing is followed. */
    public static JourneyCatalogue of(List<JourneyDeployed> journeys) {
        var catalogue = new JourneyCatalogue();
        journeys.forEach(catalogue::apply);
        return catalogue;
    }

    /** An empty catalogue, filled by {@link #apply} as the journeys are announced. */
    public JourneyCatalogue() {
    }

    /** The journey a trigger starts, if a deployed one does. */
    public Optional<Label> startedBy(String trigger) {
        return Optional.ofNullable(byTrigger.get(trigger));
    }

    /** Trigger → the journey it starts now. */
    public Map<String, String> journeysByTrigger() {
        var journeys = new java.util.TreeMap<String, String>();
        byTrigger.forEach((trigger, label) -> journeys.put(trigger, label.journey()));
        return journeys;
    }

    /** Trigger → the label of the journey it starts, as known now: empty until a journey is announced. */
    public Map<String, Label> labels() {
        return byTrigger;
    }

    /** A journey as announced; an older announcement read after a newer one changes nothing. */
    public void apply(JourneyDeployed deployed) {
        JourneyDeployed known = byJourney.get(deployed.journey());
        if (known != null && known.version() > deployed.version() && known.deployedAt().isAfter(deployed.deployedAt())) {
            return; // an older announcement read after a newer one
        }
        byJourney.put(deployed.journey(), deployed);
        var triggers = new ConcurrentHashMap<String, Label>();
        byJourney.values().forEach(j -> j.triggers().forEach(t -> triggers.put(t, new Label(j.journey(), j.version(), j.stage()))));
        byTrigger = Map.copyOf(triggers);
    }
}
