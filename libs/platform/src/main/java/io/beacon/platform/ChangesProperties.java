package io.beacon.platform;

import io.beacon.platform.LiveFolder.ChangesMode;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How changes to rules, journeys and content reach the services (ADR 0029).
 *
 * @param mode          the one switch ({@code BEACON_CHANGES_MODE}): files (the folder as it is; a service on its own),
 *                      direct (the live release, edits on disk published at once: development) or governed (the live
 *                      release, changed only by approved proposals and rollbacks: production)
 * @param workspace     where a service writes the live release's folders (default {@code .beacon/live/<service>})
 * @param folders       the folders the console seeds release 1 from and watches (default rules, workflows, content)
 * @param watchInterval how often the console looks at them
 * @param replayDays    how many days of recorded events a proposal is replayed over
 */
@ConfigurationProperties("beacon.changes")
public record ChangesProperties(ChangesMode mode, Path workspace, Folders folders, Duration watchInterval, Integer replayDays) {

    public record Folders(Path rules, Path workflows, Path content) {
        public Folders {
            rules = rules == null ? Path.of("rules") : rules;
            workflows = workflows == null ? Path.of("workflows") : workflows;
            content = content == null ? Path.of("content") : content;
        }
    }

    public ChangesProperties {
        mode = mode == null ? ChangesMode.FILES : mode;
        folders = folders == null ? new Folders(null, null, null) : folders;
        watchInterval = watchInterval == null ? Duration.ofSeconds(2) : watchInterval;
        replayDays = replayDays == null ? 7 : replayDays;
    }
}
