package io.beacon.decisioning.policy;

import io.beacon.platform.QuietHours;
import java.time.LocalTime;
import java.time.ZoneId;

/** The contact policy's quiet hours (the rule itself is shared with the senders, which check it again at send). */
public class ContactPolicy extends QuietHours {

    public ContactPolicy(LocalTime quietFrom, LocalTime quietUntil, ZoneId defaultZone) {
        super(quietFrom, quietUntil, defaultZone);
    }
}
