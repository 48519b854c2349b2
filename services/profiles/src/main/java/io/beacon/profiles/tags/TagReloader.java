package io.beacon.profiles.tags;

import io.beacon.platform.FolderWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The tag definitions serving now, and their reload when {@code rules/tags/} changes: a new version is judged whole
 * and swapped in; a refused one is logged and kept as the last rejection while the previous version keeps serving.
 * The folder is watched by {@link FolderWatch}, as decisioning's rules are.
 */
public class TagReloader implements SmartLifecycle, KnownTags {

    private static final Logger log = LoggerFactory.getLogger(TagReloader.class);

    /** A version that was refused, with every reason. */
    public record Rejection(Instant at, String fingerprint, List<TagProblem> problems) {
    }

    private final Path rulesDirectory;
    private final Duration interval;
    private final boolean enabled;
    private final FolderWatch watch;
    private final AtomicReference<PersonaTags> current;
    private volatile Rejection lastRejected;

    /** Loads the definitions now: a refused folder at start stops the service rather than drop every tag. */
    public TagReloader(Path rulesDirectory, Duration interval, boolean enabled) {
        this.rulesDirectory = rulesDirectory;
        this.interval = interval;
        this.enabled = enabled;
        this.current = new AtomicReference<>(TagDefinitionLoader.load(rulesDirectory));
        if (!java.nio.file.Files.isDirectory(rulesDirectory.resolve("tags"))) {
            // no folder is no definitions: every customer's persona tags go at their next event
            log.warn("no tag definitions folder at {}: profiles keep no persona tags (beacon.profiles.rules-directory)", tagsDirectory());
        }
        this.watch = new FolderWatch("tags", rulesDirectory.resolve("tags"),
                (dir, file) -> !file.getFileName().toString().startsWith("."), this::reload);
    }

    /** The definitions serving now. */
    public PersonaTags get() {
        return current.get();
    }

    @Override
    public Set<String> knownTags() {
        return current.get().names();
    }

    public Rejection lastRejected() {
        return lastRejected;
    }

    public Path tagsDirectory() {
        return rulesDirectory.resolve("tags").toAbsolutePath().normalize();
    }

    public boolean watching() {
        return watch.isRunning();
    }

    /** One look at the folder; public so that a test can force it without waiting. */
    public void poll() {
        watch.poll();
    }

    @Override
    public synchronized void start() {
        if (!enabled || watch.isRunning()) {
            return;
        }
        watch.start(interval);
        log.info("watching {} for tag definition changes every {} (version {} serving)", tagsDirectory(), interval, get().version());
    }

    @Override
    public synchronized void stop() {
        watch.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return watch.isRunning();
    }

    private void reload(String fingerprint) {
        PersonaTags next;
        try {
            next = TagDefinitionLoader.load(rulesDirectory);
        } catch (TagDefinitionLoader.TagsRejectedException e) {
            reject(fingerprint, e.problems());
            return;
        } catch (RuntimeException e) {
            reject(fingerprint, List.of(new TagProblem("tags", 0, null, String.valueOf(e.getMessage()))));
            return;
        }
        PersonaTags previous = current.get();
        if (next.version().equals(previous.version())) {
            return;
        }
        current.set(next);
        log.info("tag definitions version {} in service (was {}): {}", next.version(), previous.version(), next.names());
    }

    private void reject(String fingerprint, List<TagProblem> problems) {
        lastRejected = new Rejection(Instant.now(), fingerprint, problems);
        log.warn("tag definitions change in {} refused, version {} keeps serving; {} problem(s):", tagsDirectory(),
                get().version(), problems.size());
        problems.forEach(p -> log.warn("  {}", p));
    }
}
