package io.beacon.contracts.api.profiles;

import java.math.BigDecimal;

/**
 * One persona tag as declared in {@code rules/tags/}.
 *
 * @param kind       count, sum, absence or ageBand
 * @param event      the bank event type the tag looks at; null for an age band
 * @param when       the FEEL condition an event must meet to count; null when every event of the type counts
 * @param windowDays the window in calendar days; null for an age band
 * @param atLeast    the count or sum at which the tag holds; null when the kind has none
 * @param sumOf      the event field summed; null unless a sum
 * @param minAge     inclusive, in years; null unless an age band
 * @param maxAge     inclusive, in years; null unless an age band
 */
public record TagDefinitionView(String name, String description, String kind, String event, String when, Integer windowDays,
                                BigDecimal atLeast, String sumOf, Integer minAge, Integer maxAge) {
}
