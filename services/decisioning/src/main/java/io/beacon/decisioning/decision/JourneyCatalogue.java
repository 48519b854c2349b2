package io.beacon.decisioning.decision;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.JourneyDeployed;
import io.beacon.contracts.Topics;
import io.beacon.platform.CompactedTopic;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Which journey each trigger starts, with its version and lifecycle stage: the journeys service's
 * {@link Topics#JOURNEYS_CATALOGUE} (compacted, latest record per journey), read from its beginning by a consumer of
 * no group at start and followed from then on. Decisioning labels the outcomes it publishes (TRIGGERED, and SUPPRESSED
 * at the decision) with the journey the trigger starts, so a journey's funnel starts at its own triggered count.
 *
 * <p>Healthy once a journey is known: before that, a decision would publish outcomes no funnel can place.
 */
public class JourneyCatalogue implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JourneyCatalogue.class);

    /** What an outcome is labelled with. */
    public record Label(String journey, int version, String stage) {
    }

    private final Map<String, JourneyDeployed> byJourney = new ConcurrentHashMap<>();
    private volatile Map<String, Label> byTrigger = Map.of();
    private final CompactedTopic topic;

    /** A catalogue known in advance (tests, tools): nothing is followed. */
    public static JourneyCatalogue of(List<JourneyDeployed> journeys) {
        var catalogue = new JourneyCatalogue();
        journeys.forEach(catalogue::apply);
        return catalogue;
    }

    private JourneyCatalogue() {
        this.topic = null;
    }

    /** Reads the catalogue as it stands (up to 30 s), then follows it. */
    public JourneyCatalogue(String bootstrap) {
        this.topic = new CompactedTopic(bootstrap, Topics.JOURNEYS_CATALOGUE, "decisioning-journey-catalogue", (journey, value) -> {
            if (value != null) {
                apply(BeaconEvents.data(BeaconEvents.deserialize(value), JourneyDeployed.class));
            }
        });
        log.info("journey catalogue read: {}", byTrigger);
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

    void apply(JourneyDeployed deployed) {
        JourneyDeployed known = byJourney.get(deployed.journey());
        if (known != null && known.version() > deployed.version() && known.deployedAt().isAfter(deployed.deployedAt())) {
            return; // an older announcement read after a newer one
        }
        byJourney.put(deployed.journey(), deployed);
        var triggers = new ConcurrentHashMap<String, Label>();
        byJourney.values().forEach(j -> j.triggers().forEach(t -> triggers.put(t, new Label(j.journey(), j.version(), j.stage()))));
        byTrigger = Map.copyOf(triggers);
    }

    @Override
    public Health health() {
        Map<String, Label> known = byTrigger;
        return known.isEmpty()
                ? Health.down().withDetail("journeys", "none known yet: the journeys service announces them on " + Topics.JOURNEYS_CATALOGUE).build()
                : Health.up().withDetail("triggers", known.size()).build();
    }

    @Override
    public void close() {
        if (topic != null) {
            topic.close();
        }
    }
}
