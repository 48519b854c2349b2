package io.beacon.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when the content of a folder has changed and settled: what Beacon uses to pick up edited rules and
 * journeys without a restart.
 *
 * <p>It polls a SHA-256 digest of the files' names and bytes instead of using a {@link java.nio.file.WatchService}:
 * inotify watches do not follow folders created later, lose events on overflow, and see nothing on network and
 * container-mounted volumes or when Kubernetes swaps a ConfigMap's symlink; comparing the bytes of a few small files
 * every couple of seconds has none of these gaps, and content (unlike mtimes) is never too coarse to see a quick
 * second save. A change is reported only once the folder reads the same on two polls in a row, so a file caught
 * half-written, or a multi-file change caught half-copied, is not what gets judged; each settled content is reported
 * once.
 */
public final class FolderWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FolderWatch.class);

    private final String name;
    private final Path directory;
    private final BiPredicate<Path, Path> include;
    private final Consumer<String> onChange;
    private ScheduledExecutorService poller;
    private String lastSeen;
    private String lastReported;

    /**
     * @param include which files count, given the folder and a file in it (a sub-folder's file too)
     * @param onChange called on the poller thread with the new content's fingerprint
     */
    public FolderWatch(String name, Path directory, BiPredicate<Path, Path> include, Consumer<String> onChange) {
        this.name = name;
        this.directory = directory;
        this.include = include;
        this.onChange = onChange;
    }

    /** Starts polling; the content as it is now counts as already reported. */
    public synchronized void start(Duration interval) {
        if (poller != null) {
            return;
        }
        lastSeen = fingerprint();
        lastReported = lastSeen;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-watch");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized boolean isRunning() {
        return poller != null;
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    /** One look at the folder; public so that a test or an operator endpoint can force it without waiting. */
    public synchronized void poll() {
        String now = fingerprint();
        if (!now.equals(lastSeen)) {
            lastSeen = now;
            return;
        }
        if (now.equals(lastReported)) {
            return;
        }
        lastReported = now;
        onChange.accept(now);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // A poll that throws would cancel the schedule and silently end the watch.
            log.error("{}: handling a change in {} failed; will look again", name, directory, e);
        }
    }

    /** The digest of the folder's included files, names and bytes, in name order. */
    public String fingerprint() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(p -> include.test(directory, p)).sorted().toList()) {
                digest.update(directory.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                try {
                    digest.update(Files.readAllBytes(file));
                } catch (IOException e) {
                    // Deleted between the listing and the read: the next poll sees the folder as it settles.
                    digest.update((byte) 1);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return "unreadable:" + e.getMessage();
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
