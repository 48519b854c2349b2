package io.beacon.decisioning.web;

import io.beacon.decisioning.RuleReloadProperties;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.decisioning.rules.RuleProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.beacon.platform.FolderWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reloads the rules folder when it changes: the new version is validated and built completely, then swapped in;
 * a version that fails is logged and kept as the last rejection, and the previous version keeps serving.
 *
 * <p>The folder is watched by {@link FolderWatch} (a content digest polled every couple of seconds; a change is judged
 * only once it has settled), as the journeys folder is.
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
    private final FolderWatch watch;

    // Written by the watch's thread only (its poll is serialised), read by status(): no lock shared with the watch.
    private volatile Rejection lastRejected;

    @Autowired
    public RuleReloader(Decisioning decisioning, io.beacon.platform.LiveFolder rulesFolder, RuleReloadProperties reload) {
        this(decisioning, rulesFolder.path(), reload.interval(), reload.enabled());
    }

    public RuleReloader(Decisioning decisioning, Path directory, Duration interval, boolean enabled) {
        this.decisioning = decisioning;
        this.directory = directory;
        this.interval = interval;
        this.enabled = enabled;
        this.watch = new FolderWatch("rules", directory, (dir, file) -> !RuleBase.hidden(dir, file), this::reload);
    }

    @Override
    public synchronized void start() {
        if (!enabled || watch.isRunning()) {
            return;
        }
        watch.start(interval);
        log.info("watching {} for rule changes every {} (version {} serving)", directory.toAbsolutePath(), interval,
                decisioning.ruleBase().version());
    }

    @Override
    public synchronized void stop() {
        watch.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return watch.isRunning();
    }

    public Status status() {
        RuleBase current = decisioning.ruleBase();
        return new Status(current.version(), current.catalogueVersion(), current.loadedAt(),
                directory.toAbsolutePath().normalize().toString(), watch.isRunning(), interval, lastRejected);
    }

    /** One look at the folder; public so that a test or an operator endpoint can force it without waiting. */
    public void poll() {
        watch.poll();
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
}
