package io.beacon.profiles.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/** When a campaign runs. Each run is named by the instant it was due, which makes it the same run on every instance. */
public sealed interface Schedule {

    /**
     * The latest run due at {@code now}, if any.
     *
     * @param publishedAt when this campaign was first loaded (recorded once in MongoDB)
     * @param catchUp how late a recurring run may still start (after a restart, say); older firings are skipped
     */
    Optional<Instant> due(Instant now, Instant publishedAt, Duration catchUp);

    /** The next run after {@code now}, for the console; empty when none is to come. */
    Optional<Instant> next(Instant now, Instant publishedAt);

    /** In words, for the console: "once, 3 min after publication". */
    String describe();

    /** Once, at an instant. One whose instant has passed before the campaign was first seen still runs, once, late. */
    record Once(Instant at) implements Schedule {
        @Override
        public Optional<Instant> due(Instant now, Instant publishedAt, Duration catchUp) {
            return at.isAfter(now) ? Optional.empty() : Optional.of(at);
        }

        @Override
        public Optional<Instant> next(Instant now, Instant publishedAt) {
            return at.isAfter(now) ? Optional.of(at) : Optional.empty();
        }

        @Override
        public String describe() {
            return "once, at " + at;
        }
    }

    /** Once, a delay after the campaign's publication: "publish now, send in ten minutes". */
    record AfterPublished(Duration delay) implements Schedule {
        @Override
        public Optional<Instant> due(Instant now, Instant publishedAt, Duration catchUp) {
            return new Once(publishedAt.plus(delay)).due(now, publishedAt, catchUp);
        }

        @Override
        public Optional<Instant> next(Instant now, Instant publishedAt) {
            return new Once(publishedAt.plus(delay)).next(now, publishedAt);
        }

        @Override
        public String describe() {
            String d = delay.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                    .replace("h", " h ").replace("m", " min ").replace("s", " s ").strip();
            return "once, " + d + " after this version was published";
        }
    }

    /** On a Spring cron expression (seconds first) in a zone, up to an optional end. */
    record Recurring(String expression, CronExpression cron, ZoneId zone, Instant until) implements Schedule {

        @Override
        public Optional<Instant> due(Instant now, Instant publishedAt, Duration catchUp) {
            Instant from = now.minus(catchUp);
            Instant latest = null;
            ZonedDateTime t = cron.next(from.atZone(zone).minusNanos(1));
            while (t != null && !t.toInstant().isAfter(now) && (until == null || t.toInstant().isBefore(until))) {
                latest = t.toInstant();
                t = cron.next(t);
            }
            return Optional.ofNullable(latest);
        }

        @Override
        public Optional<Instant> next(Instant now, Instant publishedAt) {
            ZonedDateTime t = cron.next(now.atZone(zone));
            return t == null || (until != null && !t.toInstant().isBefore(until)) ? Optional.empty() : Optional.of(t.toInstant());
        }

        @Override
        public String describe() {
            return "recurring, cron " + expression + " in " + zone + (until == null ? "" : ", until " + until);
        }
    }
}
