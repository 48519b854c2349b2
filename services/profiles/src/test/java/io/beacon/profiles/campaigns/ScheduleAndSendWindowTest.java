package io.beacon.profiles.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

class ScheduleAndSendWindowTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void eachScheduleSaysInWordsWhenItRuns() {
        assertThat(new Schedule.AfterPublished(java.time.Duration.ofMinutes(3)).describe()).isEqualTo("once, 3 min after this version was published");
        assertThat(new Schedule.AfterPublished(java.time.Duration.parse("PT1H30M")).describe()).isEqualTo("once, 1 h 30 min after this version was published");
        assertThat(new Schedule.Once(java.time.Instant.parse("2026-12-24T09:00:00Z")).describe()).isEqualTo("once, at 2026-12-24T09:00:00Z");
        assertThat(new Schedule.Recurring("0 0 9 * * MON", org.springframework.scheduling.support.CronExpression.parse("0 0 9 * * MON"), LONDON, null).describe())
                .isEqualTo("recurring, cron 0 0 9 * * MON in Europe/London");
    }

    @Test
    void aRecurringScheduleIsDueAtItsLatestFiringWithinTheCatchUpAndNotBefore() {
        var mondays = new Schedule.Recurring("0 0 9 * * MON", CronExpression.parse("0 0 9 * * MON"), LONDON, null);
        Instant monday9 = Instant.parse("2026-11-30T09:00:00Z"); // GMT in winter

        assertThat(mondays.due(monday9.minusSeconds(1), monday9, Duration.ofHours(1))).isEmpty();
        assertThat(mondays.due(monday9, monday9, Duration.ofHours(1))).contains(monday9);
        assertThat(mondays.due(monday9.plus(Duration.ofMinutes(59)), monday9, Duration.ofHours(1))).contains(monday9);
        assertThat(mondays.due(monday9.plus(Duration.ofHours(2)), monday9, Duration.ofHours(1))).as("too late: skipped").isEmpty();
        assertThat(mondays.next(monday9, monday9)).contains(Instant.parse("2026-12-07T09:00:00Z"));
    }

    @Test
    void aRecurringScheduleFollowsItsZoneAcrossTheClockChange() {
        var daily = new Schedule.Recurring("0 0 9 * * *", CronExpression.parse("0 0 9 * * *"), LONDON, null);

        assertThat(daily.next(Instant.parse("2026-03-28T12:00:00Z"), Instant.EPOCH)).contains(Instant.parse("2026-03-29T08:00:00Z")); // BST
        assertThat(daily.next(Instant.parse("2026-10-24T12:00:00Z"), Instant.EPOCH)).contains(Instant.parse("2026-10-25T09:00:00Z")); // GMT again
    }

    @Test
    void aRecurringScheduleEndsAtItsUntil() {
        var daily = new Schedule.Recurring("0 0 9 * * *", CronExpression.parse("0 0 9 * * *"), LONDON, Instant.parse("2026-12-02T00:00:00Z"));

        assertThat(daily.next(Instant.parse("2026-12-01T10:00:00Z"), Instant.EPOCH)).isEmpty();
        assertThat(daily.due(Instant.parse("2026-12-01T09:30:00Z"), Instant.EPOCH, Duration.ofHours(1))).contains(Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void afterPublishedIsDueItsDelayAfterThePublication() {
        Instant published = Instant.parse("2026-12-04T10:00:00Z");
        var schedule = new Schedule.AfterPublished(Duration.ofMinutes(3));

        assertThat(schedule.due(published.plusSeconds(179), published, Duration.ZERO)).isEmpty();
        assertThat(schedule.due(published.plusSeconds(180), published, Duration.ZERO)).contains(published.plusSeconds(180));
        assertThat(schedule.due(published.plus(Duration.ofDays(3)), published, Duration.ZERO)).as("late, still once, same run").contains(published.plusSeconds(180));
    }

    @Test
    void aSendWindowOpensAndClosesAtItsEdgesInTheCustomersZone() {
        var window = new SendWindow(LocalTime.of(8, 0), LocalTime.of(21, 0));
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");

        assertThat(window.isOpen(Instant.parse("2026-12-04T00:00:00Z"), shanghai)).as("08:00 in Shanghai").isTrue();
        assertThat(window.isOpen(Instant.parse("2026-12-03T23:59:59Z"), shanghai)).isFalse();
        assertThat(window.isOpen(Instant.parse("2026-12-04T13:00:00Z"), shanghai)).as("21:00: closed").isFalse();
        assertThat(window.nextOpening(Instant.parse("2026-12-04T13:00:00Z"), shanghai)).isEqualTo(Instant.parse("2026-12-05T00:00:00Z"));
        assertThat(window.nextOpening(Instant.parse("2026-12-04T05:00:00Z"), shanghai)).as("open: now").isEqualTo(Instant.parse("2026-12-04T05:00:00Z"));
    }

    @Test
    void aSendWindowMaySpanMidnight() {
        var evening = new SendWindow(LocalTime.of(20, 0), LocalTime.of(2, 0));

        assertThat(evening.isOpen(Instant.parse("2026-12-04T23:00:00Z"), LONDON)).isTrue();
        assertThat(evening.isOpen(Instant.parse("2026-12-05T01:59:00Z"), LONDON)).isTrue();
        assertThat(evening.isOpen(Instant.parse("2026-12-05T02:00:00Z"), LONDON)).isFalse();
        assertThat(evening.nextOpening(Instant.parse("2026-12-05T10:00:00Z"), LONDON)).isEqualTo(Instant.parse("2026-12-05T20:00:00Z"));
    }

    @Test
    void aWindowOpeningInTheSpringGapOpensTheGapsLengthLater() {
        var window = new SendWindow(LocalTime.of(1, 30), LocalTime.of(3, 0)); // 01:30 does not exist in London on 29 March

        Instant opening = window.nextOpening(Instant.parse("2026-03-29T00:00:00Z"), LONDON);
        assertThat(opening).as("02:30 BST").isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(window.isOpen(opening, LONDON)).isTrue();
    }
}
