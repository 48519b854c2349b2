package io.beacon.platform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Quiet hours in the customer's own time zone: a send that would fall inside them is deferred to the next allowed
 * moment, never dropped. Zone rules make it DST-correct. Decisioning plans the send time with it (the journey's timer);
 * the senders check it again right before the provider call, in case a retry or a late job drifted into the night.
 */
public class QuietHours {

    private final LocalTime quietFrom;
    private final LocalTime quietUntil;
    private final ZoneId defaultZone;

    public QuietHours(LocalTime quietFrom, LocalTime quietUntil, ZoneId defaultZone) {
        this.quietFrom = quietFrom;
        this.quietUntil = quietUntil;
        this.defaultZone = defaultZone;
    }

    /** The earliest moment at or after {@code now} outside quiet hours. */
    public Instant nextAllowedSendTime(Instant now, String timeZone) {
        ZoneId zone = zone(timeZone);
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean overnight = quietFrom.isAfter(quietUntil);
        boolean quiet = overnight ? !time.isBefore(quietFrom) || time.isBefore(quietUntil)
                : !time.isBefore(quietFrom) && time.isBefore(quietUntil);
        if (!quiet) {
            return now;
        }
        ZonedDateTime end = local.with(quietUntil);
        if (!end.isAfter(local)) {
            end = local.plusDays(1).with(quietUntil);
        }
        return end.toInstant();
    }

    /** The customer's calendar date of an instant: caps count per day of the customer, not of the server. */
    public LocalDate localDate(Instant instant, String timeZone) {
        return instant.atZone(zone(timeZone)).toLocalDate();
    }

    private ZoneId zone(String timeZone) {
        try {
            return timeZone == null ? defaultZone : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return defaultZone;
        }
    }
}
