package io.beacon.console.changes;

import com.mongodb.client.MongoDatabase;
import io.beacon.console.access.AuditLog;
import io.beacon.console.services.ConsoleApis;
import io.beacon.contracts.api.decisioning.ReplayApi;
import io.beacon.contracts.api.journeys.JourneysApi;
import io.beacon.platform.ChangesProperties;
import io.beacon.platform.LiveFolder.ChangesMode;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Governed change (ADR 0029): the proposals, the releases, the checks and the folders the console seeds from and
 * watches. One switch, {@code beacon.changes.mode} ({@code BEACON_CHANGES_MODE}): direct (development) or governed.
 */
@Configuration(proxyBeanMethods = false)
class ChangesConfiguration {

    @Bean(destroyMethod = "close")
    ReleasePublisher.Kafka releasePublisher(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        return new ReleasePublisher.Kafka(brokers);
    }

    @Bean
    Releases releases(MongoDatabase database, ReleasePublisher publisher) {
        return new Releases(database, publisher);
    }

    @Bean(initMethod = "ensureIndexes")
    Proposals proposals(MongoDatabase database) {
        return new Proposals(database);
    }

    /** A replay of a week of events takes its time: its client waits up to 5 minutes for an answer ({@link ConsoleApis}). */
    @Bean
    ChangeChecks changeChecks(JourneysApi journeys, ConsoleApis.Channels channels, ReplayApi replay, ChangesProperties properties) {
        return new ChangeChecks(journeys, channels, replay, properties.replayDays());
    }

    @Bean
    Changes changes(Proposals proposals, Releases releases, ChangeChecks checks, AuditLog audit, Clock clock) {
        return new Changes(proposals, releases, checks, audit, clock);
    }

    /** The console governs in direct or governed mode; "files" (a service's own default) counts as direct here. */
    @Bean
    ChangeGovernor changeGovernor(ChangesProperties properties, Releases releases, Changes changes, AuditLog audit, Clock clock) {
        var folders = properties.folders();
        return new ChangeGovernor(properties.mode() == ChangesMode.GOVERNED ? ChangesMode.GOVERNED : ChangesMode.DIRECT,
                Map.of("rules", folders.rules(), "workflows", folders.workflows(), "content", folders.content()),
                releases, changes, audit, clock, properties.watchInterval());
    }
}
