package io.beacon.platform;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes what outlived its retention period, as this service's {@link PersonalData} declares, every
 * {@code beacon.retention.interval} (default 1 h; first run a minute after start), and what was kept after an
 * erasure once its {@code keptUntil} has passed. An explicit job rather than TTL
 * indexes: the embedded MongoDB server does not honour them, and a job logs what it deleted.
 */
public class RetentionJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final PersonalData personalData;
    private final MongoDatabase database;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public RetentionJob(PersonalData personalData, MongoDatabase database, Clock clock, Duration interval) {
        this.personalData = personalData;
        this.database = database;
        this.clock = clock;
        this.interval = interval;
    }

    /** One pass; what it deleted, per collection. */
    public Map<String, Long> runOnce() {
        Map<String, Long> deleted = personalData.enforceRetention(database, clock.instant());
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            log.info("retention: deleted {} from {}", deleted, database.getName());
        }
        return deleted;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || personalData.stores().stream().allMatch(s -> s.retention() == null && s.kept() == null)) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.error("retention pass on {} failed; the next pass tries again", database.getName(), e);
            }
        }, Math.min(60_000, interval.toMillis()), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
