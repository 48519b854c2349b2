package io.beacon.profiles.campaigns;

import io.beacon.platform.FolderWatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Serves the current audiences and campaigns and reloads them when the rules folder changes: a new version is loaded
 * whole and swapped in; a version with any problem is refused, logged with every reason and kept as the last
 * rejection, and the previous version keeps serving. The folder is watched as decisioning watches it ({@link FolderWatch}).
 */
public class CampaignReloader implements SmartLifecycle, Supplier<CampaignDefinitions> {

    private static final Logger log = LoggerFactory.getLogger(CampaignReloader.class);

    /** A version that was refused, with every reason. */
    public record Rejection(Instant at, String fingerprint, List<CampaignProblem> problems) {
    }

    private final Path directory;
    private final Supplier<Set<String>> knownTags;
    private final Clock clock;
    private final Duration interval;
    private final FolderWatch watch;
    private final AtomicReference<CampaignDefinitions> current = new AtomicReference<>(CampaignDefinitions.empty());
    private volatile Rejection lastRejected;

    public CampaignReloader(Path directory, Supplier<Set<String>> knownTags, Clock clock, Duration interval) {
        this.directory = directory;
        this.knownTags = knownTags;
        this.clock = clock;
        this.interval = interval;
        this.watch = new FolderWatch("audiences and campaigns", directory, CampaignReloader::relevant, this::reload);
    }

    // audiences and campaigns read the catalogue's codes and the declared tags too
    private static boolean relevant(Path dir, Path file) {
        String rel = dir.relativize(file).toString().replace('\\', '/');
        return rel.startsWith("audiences/") || rel.startsWith("campaigns/") || rel.equals("catalogue/offers.json") || rel.startsWith("tags/");
    }

    @Override
    public CampaignDefinitions get() {
        return current.get();
    }

    public Rejection lastRejected() {
        return lastRejected;
    }

    public Path directory() {
        return directory;
    }

    /** The first load, at start: a refused folder leaves no campaign running (and says why), the service still starts. */
    public void loadNow() {
        reload("start");
    }

    @Override
    public synchronized void start() {
        if (!watch.isRunning()) {
            loadNow();
            watch.start(interval);
        }
    }

    @Override
    public synchronized void stop() {
        watch.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return watch.isRunning();
    }

    /** One look at the folder, for a test or an operator. */
    public void poll() {
        watch.poll();
    }

    private void reload(String fingerprint) {
        try {
            CampaignDefinitions next = CampaignDefinitions.load(directory, knownTags.get(), Instant.now(clock));
            CampaignDefinitions previous = current.getAndSet(next);
            if (!next.version().equals(previous.version())) {
                log.info("audiences and campaigns version {} in service (was {}): {} audiences, {} campaigns", next.version(),
                        previous.version(), next.audiences().size(), next.campaigns().size());
            }
        } catch (CampaignsRefusedException e) {
            lastRejected = new Rejection(Instant.now(clock), fingerprint, e.problems());
            log.warn("audiences and campaigns in {} refused, version {} keeps serving; {} problem(s):", directory, current.get().version(), e.problems().size());
            e.problems().forEach(p -> log.warn("  {}", p));
        } catch (RuntimeException e) {
            lastRejected = new Rejection(Instant.now(clock), fingerprint, List.of(new CampaignProblem(".", 0, "", String.valueOf(e.getMessage()))));
            log.warn("audiences and campaigns in {} refused, version {} keeps serving: {}", directory, current.get().version(), e.toString());
        }
    }
}
