package io.beacon.journeys;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.JourneyDeployed;
import io.beacon.contracts.Topics;
import io.beacon.platform.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other services which journeys are deployed: after every deployment the engine took, one
 * {@link JourneyDeployed} per journey on the compacted {@link Topics#JOURNEYS_CATALOGUE}, keyed by the journey id, so
 * the latest record per journey is the catalogue. Decisioning labels its outcomes with it (the journey a trigger starts,
 * its version and stage). The event id is the journey and version: the same deployment announced twice is one fact.
 */
class JourneyCatalogue implements Consumer<List<JourneyDeployment.Deployed>> {

    private static final Logger log = LoggerFactory.getLogger(JourneyCatalogue.class);
    static final String TYPE = "beacon.journey.deployed";

    private final EventPublisher publisher;
    private final Clock clock;
    private final double defaultHoldoutShare;

    JourneyCatalogue(EventPublisher publisher, Clock clock, double defaultHoldoutShare) {
        this.publisher = publisher;
        this.clock = clock;
        this.defaultHoldoutShare = defaultHoldoutShare;
    }

    @Override
    public void accept(List<JourneyDeployment.Deployed> deployed) {
        Instant now = Instant.now(clock);
        for (var d : deployed) {
            var fact = new JourneyDeployed(d.processId(), d.version(), d.stage(), d.triggers(), d.file(), now,
                    d.holdoutShare() == null ? defaultHoldoutShare : d.holdoutShare());
            // waits for the broker: a deployment is rare, and a catalogue that silently lacks a journey would leave its outcomes unlabelled
            publisher.publishAndWait(Topics.JOURNEYS_CATALOGUE, d.processId(),
                    BeaconEvents.build(d.processId() + "@" + d.version(), "/beacon/journeys", TYPE, d.processId(), fact));
        }
        log.info("journey catalogue announced: {}", deployed.stream().map(d -> d.processId() + " v" + d.version() + " " + d.triggers()).toList());
    }
}
