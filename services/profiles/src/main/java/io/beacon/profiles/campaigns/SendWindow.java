package io.beacon.profiles.campaigns;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The local times between which a campaign may reach a customer, in the customer's own time zone. A window whose end is
 * before its start spans midnight (20:00-02:00).
 */
public record SendWindow(LocalTime from, LocalTime until) {

    public boolean isOpen(Instant at, ZoneId zone) {
        LocalTime t = at.atZone(zone).toLocalTime();
        return from.isBefore(until) || from.equals(until)
                ? !t.isBefore(from) && t.isBefore(until)
                : !t.isBefore(from) || t.isBefore(until);
    }

    /** {@code at} itself when the window is open, else the next instant it opens in that zone. */
    public Instant nextOpening(Instant at, ZoneId zone) {
        if (isOpen(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime today = local.with(from);
        // an opening inside a DST gap (01:30 on the spring-forward night) moves later by the gap's length (02:30), as java.time resolves it
        return (today.isAfter(local) ? today : local.plusDays(1).with(from)).toInstant();
    }
}
