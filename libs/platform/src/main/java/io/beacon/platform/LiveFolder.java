package io.beacon.platform;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.LiveRelease;
import io.beacon.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder a service loads one area of the live release from ({@code rules}, {@code workflows} or {@code content};
 * ADR 0029). Two modes, one switch ({@code beacon.changes.mode}, {@link ChangesMode}):
 * <ul>
 *   <li>{@code files} (a service on its own, its tests): the configured folder itself, as it is on disk;</li>
 *   <li>{@code direct} and {@code governed}: a copy of the area under the service's own working folder, written from
 *   the live release on {@link Topics#RELEASES}, kept in step with every release that follows. Before the first release
 *   exists (a new installation), the copy is seeded from the configured folder, which the console publishes as release
 *   1. The service's own {@link FolderWatch} then sees each release land in the copy and reloads it, as it reloads an
 *   edited file.</li>
 * </ul>
 * In {@code governed} mode the configured folder is only the seed: a file changed there later is refused (logged, and
 * shown by {@link #refusedOnDisk()}) and nothing of it is loaded.
 */
public final class LiveFolder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveFolder.class);

    /** How changes to rules, journeys and content reach a running Beacon. */
    public enum ChangesMode {
        /** The folder on disk is loaded and hot-reloaded as it is (one service on its own, tests). */
        FILES,
        /** The live release is followed; the console publishes every settled file edit at once (development). */
        DIRECT,
        /** The live release is followed; it changes only through an approved proposal or a rollback (production). */
        GOVERNED
    }

    private final String area;
    private final Path seed;
    private final Path path;
    private final CompactedTopic topic;
    private final FolderWatch seedWatch;
    private volatile Long release;
    private volatile String refusedOnDisk;

    private LiveFolder(String area, Path seed, Path path, String bootstrap, String clientId, ChangesMode mode) {
        this.area = area;
        this.seed = seed;
        this.path = path;
        if (mode == ChangesMode.FILES) {
            this.topic = null;
            this.seedWatch = null;
            return;
        }
        write(read(area, seed));
        this.topic = new CompactedTopic(bootstrap, Topics.RELEASES, clientId + "-" + area + "-release", (key, value) -> {
            if (value != null && LiveRelease.KEY.equals(key)) {
                apply(BeaconEvents.data(BeaconEvents.deserialize(value), LiveRelease.class));
            }
        });
        if (mode == ChangesMode.GOVERNED) {
            this.seedWatch = new FolderWatch(area + "-on-disk", seed,
                    (dir, file) -> belongs(area, dir.relativize(file).toString().replace('\\', '/')), fingerprint -> refuseOnDisk());
            this.seedWatch.start(Duration.ofSeconds(5));
        } else {
            this.seedWatch = null;
        }
        log.info("{}: loading {} from {} (mode {}, release {})", clientId, area, path.toAbsolutePath(), mode,
                release == null ? "none yet: seeded from " + seed.toAbsolutePath() : release);
    }

    /** The folder itself ({@code files} mode). */
    public static LiveFolder files(Path folder) {
        return new LiveFolder(null, folder, folder, null, null, ChangesMode.FILES);
    }

    /**
     * @param seed      the configured folder: what a new installation starts from
     * @param workspace the service's own working folder; the area is written to {@code workspace/area}
     */
    public static LiveFolder of(ChangesMode mode, String area, Path seed, Path workspace, String bootstrap, String clientId) {
        if (mode == ChangesMode.FILES) {
            return files(seed);
        }
        return new LiveFolder(area, seed, workspace.resolve(area), bootstrap, clientId, mode);
    }

    /** Where to load the area from; the same folder for the life of the service, its content following the release. */
    public Path path() {
        return path;
    }

    /** The live release the folder holds, or empty (files mode, or no release published yet). */
    public Optional<Long> release() {
        return Optional.ofNullable(release);
    }

    /** Governed mode: why the files on disk were refused, or empty when they match the seed the service started with. */
    public Optional<String> refusedOnDisk() {
        return Optional.ofNullable(refusedOnDisk);
    }

    private synchronized void apply(LiveRelease live) {
        write(live.area(area));
        release = live.number();
        log.info("{} of release {} ({}, approved by {}) written to {}", area, live.number(), live.kind(), live.approver(), path);
    }

    private void refuseOnDisk() {
        refusedOnDisk = "files under " + seed.toAbsolutePath() + " changed on disk outside a proposal: refused (governed mode; "
                + "a change goes live only as an approved proposal)";
        log.warn("{}: {}", area, refusedOnDisk);
    }

    /**
     * Whether a file belongs to the area as a release holds it: workflows/ holds its journeys (the .bpmn files directly
     * in it; the lint, its packages and the pictures are the build's); rules/ and content/ every file but hidden ones.
     */
    public static boolean belongs(String area, String relative) {
        if (relative.startsWith(".") || relative.contains("/.")) {
            return false;
        }
        return "workflows".equals(area) ? !relative.contains("/") && relative.endsWith(".bpmn") : !relative.startsWith("node_modules/");
    }

    /** The area's files as a release holds them: path relative to the folder → text. */
    public static Map<String, String> read(String area, Path folder) {
        var files = new TreeMap<String, String>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                if (belongs(area, relative)) {
                    files.put(relative, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
        return files;
    }

    /**
     * Makes the folder hold exactly these files: changed ones written first, then the ones gone deleted. A reloader's
     * {@link FolderWatch} judges a change only once the folder reads the same twice, so it never loads half of one.
     */
    private synchronized void write(Map<String, String> files) {
        try {
            Files.createDirectories(path);
            for (var file : files.entrySet()) {
                Path target = path.resolve(file.getKey()).normalize();
                if (!target.startsWith(path)) {
                    throw new IllegalArgumentException("a release path leaves its folder: " + file.getKey());
                }
                Files.createDirectories(target.getParent());
                if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(file.getValue())) {
                    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
                    Files.writeString(partial, file.getValue(), StandardCharsets.UTF_8);
                    Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path old : walk.filter(Files::isRegularFile).toList()) {
                    if (!files.containsKey(path.relativize(old).toString().replace('\\', '/'))) {
                        Files.delete(old);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + area + " to " + path, e);
        }
    }

    @Override
    public void close() {
        if (topic != null) {
            topic.close();
        }
        if (seedWatch != null) {
            seedWatch.close();
        }
    }
}
