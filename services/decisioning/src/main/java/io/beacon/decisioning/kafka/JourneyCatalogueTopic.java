package io.beacon.decisioning.kafka;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.JourneyDeployed;
import io.beacon.contracts.Topics;
import io.beacon.decisioning.decision.JourneyCatalogue;
import io.beacon.platform.CompactedTopic;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Follows the journeys service's {@link Topics#JOURNEYS_CATALOGUE} into a {@link JourneyCatalogue}: read from its
 * beginning by a consumer of no group at start (up to 30 s) and followed from then on.
 *
 * <p>Healthy once a journey is known: before that, a decision would publish outcomes no funnel can place.
 */
public class JourneyCatalogueTopic implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JourneyCatalogueTopic.class);

    private final JourneyCatalogue catalogue = new JourneyCatalogue();
    private final CompactedTopic topic;

    /** Reads the catalogue as it stands (up to 30 s), then follows it. */
    public JourneyCatalogueTopic(String bootstrap) {
        this.topic = new CompactedTopic(bootstrap, Topics.JOURNEYS_CATALOGUE, "decisioning-journey-catalogue", (journey, value) -> {
            if (value != null) {
                catalogue.apply(BeaconEvents.data(BeaconEvents.deserialize(value), JourneyDeployed.class));
            }
        });
        log.info("journey catalogue read: {}", catalogue.labels());
    }

    /** The catalogue as followed. */
    public JourneyCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public Health health() {
        Map<String, JourneyCatalogue.Label> known = catalogue.labels();
        return known.isEmpty()
                ? Health.down().withDetail("journeys", "none known yet: the journeys service announces them on " + Topics.JOURNEYS_CATALOGUE).build()
                : Health.up().withDetail("triggers", known.size()).build();
    }

    @Override
    public void close() {
        topic.close();
    }
}
