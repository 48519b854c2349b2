package io.beacon.decisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reloads the rules folder when it changes: the new version is validated and built completely, then swapped in;
 * a version that fails is logged and kept as the last rejection, and the previous version keeps serving.
 *
 * <p>It polls a digest of the folder's content instead of using a {@link java.nio.file.WatchService}: inotify
 * watches do not follow folders created later, lose events on overflow, and see nothing on network and
 * container-mounted volumes or when Kubernetes swaps a ConfigMap's symlink; comparing the bytes of a few small
 * files every couple of seconds has none of these gaps, and content (unlike mtimes) is never too coarse to see a
 * quick second save. A change is built only once the folder reads the same on two polls in a row, so a file
 * caught half-written, or a multi-file change caught half-copied, is not what gets judged.
 */
@Component
public class RuleReloader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RuleReloader.class);

    /** A version that was refused, with every reason. */
    public record Rejection(Instant at, String fingerprint, List<RuleProblem> problems) {
    }

    /** What GET /api/rules shows. */
    public record Status(String version, String catalogueVersion, Instant loadedAt, String rulesDirectory,
                         boolean watching, Duration interval, Rejection lastRejected) {
    }

    private final Decisioning decisioning;
    private final Path directory;
    private final Duration interval;
    private final boolean enabled;
    private ScheduledExecutorService poller;

    // Only the poller thread writes these, under this object's lock; status() reads them under it too.
    private String lastSeen;
    private String lastAttempted;
    private Rejection lastRejected;

    @Autowired
    public RuleReloader(Decisioning decisioning, DecisioningProperties properties, RuleReloadProperties reload) {
        this(decisioning, properties.rulesDirectory(), reload.interval(), reload.enabled());
    }

    public RuleReloader(Decisioning decisioning, Path directory, Duration interval, boolean enabled) {
        this.decisioning = decisioning;
        this.directory = directory;
        this.interval = interval;
        this.enabled = enabled;
    }

    @Override
    public synchronized void start() {
        if (!enabled || poller != null) {
            return;
        }
        String current = fingerprint();
        lastSeen = current;
        lastAttempted = current;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rule-reloader");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("watching {} for rule changes every {} (version {} serving)", directory.toAbsolutePath(), interval,
                decisioning.ruleBase().version());
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }

    public synchronized Status status() {
        RuleBase current = decisioning.ruleBase();
        return new Status(current.version(), current.catalogueVersion(), current.loadedAt(),
                directory.toAbsolutePath().normalize().toString(), poller != null, interval, lastRejected);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // A poll that throws would cancel the schedule and silently end reloading.
            log.error("polling {} failed; will try again", directory, e);
        }
    }

    /** One look at the folder; public so that a test or an operator endpoint can force it without waiting. */
    public synchronized void poll() {
        String now = fingerprint();
        if (!now.equals(lastSeen)) {
            lastSeen = now;
            return;
        }
        if (now.equals(lastAttempted)) {
            return;
        }
        lastAttempted = now;
        reload(now);
    }

    private void reload(String fingerprint) {
        long started = System.nanoTime();
        RuleBase next;
        try {
            next = RuleBase.load(directory);
        } catch (RuleBase.RulesRejectedException e) {
            reject(fingerprint, e.details());
            return;
        } catch (RuntimeException e) {
            reject(fingerprint, List.of(new RuleProblem(".", 0, null, String.valueOf(e.getMessage()))));
            return;
        }
        RuleBase previous = decisioning.ruleBase();
        if (next.version().equals(previous.version())) {
            // A change that no rule or catalogue reads (fixtures, the README) builds the same version.
            return;
        }
        decisioning.swap(next);
        log.info("rules version {} in service (was {}), built in {} ms", next.version(), previous.version(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private void reject(String fingerprint, List<RuleProblem> problems) {
        lastRejected = new Rejection(Instant.now(), fingerprint, problems);
        log.warn("rules change in {} refused, version {} keeps serving; {} problem(s):", directory,
                decisioning.ruleBase().version(), problems.size());
        problems.forEach(p -> log.warn("  {}", p));
    }

    private String fingerprint() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(p -> !RuleBase.hidden(directory, p)).sorted().toList()) {
                digest.update(directory.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                try {
                    digest.update(Files.readAllBytes(file));
                } catch (IOException e) {
                    // Deleted between the listing and the read: the next poll sees the folder as it settles.
                    digest.update((byte) 1);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unreadable:" + e.getMessage();
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
