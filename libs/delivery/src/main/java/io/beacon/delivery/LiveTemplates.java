package io.beacon.delivery;

import io.beacon.platform.FolderWatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A sender's templates as the content folder has them now, as decisioning's rules are reloaded: a change is read when
 * it has settled ({@link FolderWatch}), checked completely and swapped in; a refused set is logged and kept as the last
 * rejection while the previous set keeps serving. A set refused at start refuses the start (the constructor throws).
 */
public final class LiveTemplates implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveTemplates.class);

    /** A content set that was refused, with every problem. */
    public record Rejection(Instant at, String version, List<ContentProblem> problems) {
    }

    /** What {@code GET /api/templates} shows. */
    public record Status(String channel, String version, Instant loadedAt, String directory, boolean watching, Duration interval,
                         Rejection lastRejection, List<MessageTemplates.TemplateInfo> templates, List<String> offersOwn) {
    }

    /**
     * What {@code POST /api/templates/check} answers: the version the files would have, every problem (none: it would
     * load), and the messages the files would render differently from the set serving now (ADR 0029).
     */
    public record CheckResult(String version, List<ContentProblem> problems, RenderedChanges.Messages rendered) {
        public CheckResult(String version, List<ContentProblem> problems) {
            this(version, problems, RenderedChanges.Messages.NONE);
        }
    }

    private record Loaded(MessageTemplates templates, Instant at) {
    }

    private final Channel channel;
    private final Path directory;
    private final Duration interval;
    private final boolean watchEnabled;
    private final Function<ContentFiles, MessageTemplates> loader;
    private final Clock clock;
    private final FolderWatch watch;
    private volatile Loaded current;
    private volatile Rejection lastRejection;

    /**
     * Loads the folder now.
     *
     * @param loader the channel's load ({@link MessageTemplates#load}) with its own rules; throws
     *               {@link TemplateRejectedException} on a bad set
     * @throws TemplateRejectedException when the folder's content is refused: the sender does not start
     */
    public LiveTemplates(Channel channel, Path directory, Duration interval, boolean watchEnabled,
                         Function<ContentFiles, MessageTemplates> loader, Clock clock) {
        this.channel = channel;
        this.directory = directory;
        this.interval = interval;
        this.watchEnabled = watchEnabled;
        this.loader = loader;
        this.clock = clock;
        this.current = new Loaded(loader.apply(ContentFiles.read(directory)), clock.instant());
        this.watch = new FolderWatch(channel.id() + "-content", directory, (dir, file) -> ContentFiles.readBy(channel, dir, file), v -> reload());
        log.info("{} content version {} loaded from {}", channel.id(), current.templates().version(), directory.toAbsolutePath().normalize());
    }

    /** A fixed set (tests, benchmarks): nothing is watched. */
    public static LiveTemplates of(MessageTemplates templates) {
        return new LiveTemplates(templates);
    }

    private LiveTemplates(MessageTemplates templates) {
        this.channel = templates.channel();
        this.directory = null;
        this.interval = Duration.ZERO;
        this.watchEnabled = false;
        this.loader = null;
        this.clock = Clock.systemUTC();
        this.current = new Loaded(templates, clock.instant());
        this.watch = null;
    }

    /** The set serving now. */
    public MessageTemplates current() {
        return current.templates();
    }

    public Status status() {
        Loaded loaded = current;
        return new Status(channel.id(), loaded.templates().version(), loaded.at(),
                directory == null ? null : directory.toAbsolutePath().normalize().toString(), isRunning(), interval, lastRejection,
                loaded.templates().templates(), loaded.templates().offersOwn());
    }

    /**
     * Checks a complete content tree as this channel would load it, with no effect on the set serving.
     *
     * @param files path relative to the content folder to text
     */
    public CheckResult check(Map<String, String> files) {
        return check(files, List.of());
    }

    /**
     * As {@link #check(Map)}, with the messages the files would render: those that differ from the set serving now,
     * and the offer's own message of each product in {@code offered} (what a proposal's replay offers more often).
     */
    public CheckResult check(Map<String, String> files, java.util.Collection<String> offered) {
        ContentFiles content = ContentFiles.of(files);
        String version = content.forChannel(channel).version();
        if (loader == null) {
            throw new IllegalStateException("a fixed template set checks nothing");
        }
        MessageTemplates proposed;
        try {
            proposed = loader.apply(content);
        } catch (TemplateRejectedException e) {
            return new CheckResult(version, e.problems());
        }
        return new CheckResult(version, List.of(),
                RenderedChanges.between(current(), proposed, offered, java.time.LocalDate.now(clock)));
    }

    /** One look at the folder; public so that a test or an operator endpoint can force it without waiting. */
    public void poll() {
        if (watch != null) {
            watch.poll();
        }
    }

    /** Reads, checks and swaps in the folder's content now (the watch calls it once a change has settled). */
    public synchronized void reload() {
        if (loader == null) {
            return;
        }
        ContentFiles files;
        try {
            files = ContentFiles.read(directory);
        } catch (RuntimeException e) {
            reject("unreadable", List.of(new ContentProblem("content/", ContentProblem.NO_LOCALE, "-", String.valueOf(e.getMessage()))));
            return;
        }
        String version = files.forChannel(channel).version();
        MessageTemplates next;
        try {
            next = loader.apply(files);
        } catch (TemplateRejectedException e) {
            reject(version, e.problems());
            return;
        } catch (RuntimeException e) {
            reject(version, List.of(new ContentProblem("content/", ContentProblem.NO_LOCALE, "-", String.valueOf(e.getMessage()))));
            return;
        }
        MessageTemplates previous = current.templates();
        if (next.version().equals(previous.version())) {
            return;
        }
        current = new Loaded(next, clock.instant());
        log.info("{} content version {} in service (was {})", channel.id(), next.version(), previous.version());
    }

    private void reject(String version, List<ContentProblem> problems) {
        lastRejection = new Rejection(clock.instant(), version, problems);
        log.warn("{} content change in {} refused, version {} keeps serving; {} problem(s):", channel.id(), directory,
                current.templates().version(), problems.size());
        problems.forEach(p -> log.warn("  {}", p));
    }

    @Override
    public synchronized void start() {
        if (watch == null || !watchEnabled || watch.isRunning()) {
            return;
        }
        watch.start(interval);
        log.info("watching {} for {} content changes every {}", directory.toAbsolutePath().normalize(), channel.id(), interval);
    }

    @Override
    public synchronized void stop() {
        if (watch != null) {
            watch.close();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return watch != null && watch.isRunning();
    }
}
