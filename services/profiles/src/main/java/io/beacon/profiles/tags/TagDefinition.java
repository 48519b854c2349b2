package io.beacon.profiles.tags;

import io.beacon.contracts.BankEventType;
import java.math.BigDecimal;
import org.kie.dmn.feel.lang.CompiledExpression;

/**
 * One persona tag as declared in {@code rules/tags/}: a named condition over the customer's events inside a window of
 * calendar days (count, sum, absence), or over a profile attribute (age band).
 *
 * @param event       the event type it counts (null for an age band)
 * @param when        the FEEL condition an event must meet to count (null: every event of the type)
 * @param fingerprint what the kept state depends on; state kept under another fingerprint is started afresh
 */
public record TagDefinition(String name, String description, Kind kind, BankEventType event, String when,
                            CompiledExpression condition, int windowDays, BigDecimal atLeast, String sumOf,
                            int minAge, int maxAge, String fingerprint) {

    /** What a tag measures. */
    public enum Kind {
        /** at least {@code atLeast} matching events in the window */
        count,
        /** the matching events' {@code sumOf} field adds up to at least {@code atLeast} in the window */
        sum,
        /** no matching event in the window */
        absence,
        /** age from {@code minAge} to {@code maxAge} inclusive, from the birth date */
        ageBand
    }
}
