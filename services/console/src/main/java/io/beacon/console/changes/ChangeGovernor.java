package io.beacon.console.changes;

import io.beacon.console.access.AuditLog;
import io.beacon.contracts.LiveRelease;
import io.beacon.platform.FolderWatch;
import io.beacon.platform.LiveFolder;
import io.beacon.platform.LiveFolder.ChangesMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The folders on the console's disk and the live release (ADR 0029). At start, a new installation's folders become
 * release 1 (SEED), and the live release is told again on beacon.releases. Then the folders are watched:
 * <ul>
 *   <li>{@code direct} (development, the embedded suite): a settled edit goes live at once as a DIRECT release, so
 *   editing a rule in an editor works as it always did, and is still recorded;</li>
 *   <li>{@code governed} (production): an edit outside a proposal is refused: nothing goes live, the files changed are
 *   audited and shown on the Changes page.</li>
 * </ul>
 */
public class ChangeGovernor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeGovernor.class);

    /** Files on disk that differ from the live release, refused in governed mode. */
    public record RefusedOnDisk(Instant at, long live, List<String> paths) {
    }

    private final ChangesMode mode;
    private final Map<String, Path> folders;
    private final Releases releases;
    private final Changes changes;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration interval;
    private final List<FolderWatch> watches = new ArrayList<>();
    private volatile RefusedOnDisk refusedOnDisk;
    private boolean running;

    /** @param folders area (rules, workflows, content) → the folder on disk */
    public ChangeGovernor(ChangesMode mode, Map<String, Path> folders, Releases releases, Changes changes, AuditLog audit, Clock clock,
                          Duration interval) {
        this.mode = mode;
        this.folders = Map.copyOf(folders);
        this.releases = releases;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
        this.interval = interval;
    }

    public ChangesMode mode() {
        return mode;
    }

    public Optional<RefusedOnDisk> refusedOnDisk() {
        return Optional.ofNullable(refusedOnDisk);
    }

    @Override
    public synchronized void start() {
        ensureLive();
        // edited while Beacon was down: live now (direct), or refused and reported (governed)
        onDisk();
        changes.resumeChecks();
        folders.forEach((area, folder) -> {
            var watch = new FolderWatch("changes-" + area, folder,
                    (dir, file) -> LiveFolder.belongs(area, dir.relativize(file).toString().replace('\\', '/')), fingerprint -> onDisk());
            watch.start(interval);
            watches.add(watch);
        });
        running = true;
        log.info("changes mode {}: watching {} every {}", mode, folders.values(), interval);
    }

    /** A new installation's folders become release 1; an existing live release is told again on beacon.releases. */
    public synchronized void ensureLive() {
        if (releases.live().isEmpty()) {
            var files = read();
            var seed = new LiveRelease(1, LiveRelease.Kind.SEED, LiveRelease.hash(files), files, "files", "files (a new installation)",
                    Instant.now(clock), null, null);
            releases.publish(seed);
            audit.record("beacon", "RELEASE_SEEDED", "release/1", null, "ACCEPTED", files.size() + " files from " + folders.values());
            log.info("release 1 seeded from {} ({} files, {})", folders.values(), files.size(), seed.hash());
        } else {
            releases.announceLive();
        }
    }

    /** A settled edit of the folders: live at once (direct), or refused and reported (governed). */
    public synchronized void onDisk() {
        var live = releases.live().orElseThrow();
        var files = read();
        if (LiveRelease.hash(files).equals(live.hash())) {
            return;
        }
        var changed = new TreeSet<String>();
        files.forEach((path, text) -> {
            if (!text.equals(live.files().get(path))) {
                changed.add(path);
            }
        });
        live.files().keySet().stream().filter(path -> !files.containsKey(path)).forEach(changed::add);
        if (mode == ChangesMode.GOVERNED) {
            refusedOnDisk = new RefusedOnDisk(Instant.now(clock), live.number(), List.copyOf(changed));
            audit.record("files", "FILES_REFUSED", "releases", null, "REFUSED", "changed on disk outside a proposal (governed mode), "
                    + "release " + live.number() + " stays live: " + String.join(", ", changed));
            log.warn("files changed on disk outside a proposal, refused (release {} stays live): {}", live.number(), changed);
            return;
        }
        var release = new LiveRelease(live.number() + 1, LiveRelease.Kind.DIRECT, LiveRelease.hash(files), files, "files",
                "none (direct mode, development)", Instant.now(clock), null, null);
        try {
            releases.publish(release);
        } catch (Releases.NotPublished e) {
            log.warn("the edited files could not go live: {}", e.getMessage());
            return;
        }
        audit.record("files", "RELEASE_DIRECT", "release/" + release.number(), null, "ACCEPTED", "edited on disk (direct mode): "
                + String.join(", ", changed));
        log.info("release {} live from files edited on disk (direct mode): {}", release.number(), changed);
    }

    /** The folders as a release holds them: rules/ and content/ whole, workflows/ its journeys (.bpmn directly in it). */
    Map<String, String> read() {
        var files = new TreeMap<String, String>();
        folders.forEach((area, folder) -> {
            if (!Files.isDirectory(folder)) {
                return;
            }
            LiveFolder.read(area, folder).forEach((path, text) -> files.put(area + "/" + path, text));
        });
        return files;
    }

    @Override
    public synchronized void stop() {
        watches.forEach(FolderWatch::close);
        watches.clear();
        running = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
