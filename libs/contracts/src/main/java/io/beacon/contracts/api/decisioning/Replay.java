package io.beacon.contracts.api.decisioning;

import java.time.Instant;
import java.util.List;

/**
 * A replay's answer.
 *
 * @param report     what the proposed rules decide differently
 * @param unreadable recorded events that could not be read, and were left out
 * @param oldestKept the oldest event the topic still keeps; null when it keeps none
 * @param tookMillis how long the replay took, in milliseconds
 */
public record Replay(Report report, long unreadable, Instant oldestKept, long tookMillis) {

    /**
     * Each recorded event decided by the live and by the proposed rules on the day it was recorded, counted and compared.
     *
     * @param liveVersion      the rules version serving
     * @param proposedVersion  the proposed folder's version
     * @param from             the first event replayed; null when none was
     * @param to               the last event replayed; null when none was
     * @param events           the events replayed
     * @param decided          those with a trigger on either side
     * @param triggers         each trigger's count on each side
     * @param suppressions     each reason's count on each side
     * @param offers           each offer on a journey ("EASY_SAVER on first-salary") on each side
     * @param changedEvents    the events decided differently
     * @param changedCustomers the customers with an event decided differently
     * @param sample           some of those events, the customer masked
     * @param method           how it was counted, for a person
     */
    public record Report(String liveVersion, String proposedVersion, Instant from, Instant to, long events, long decided,
                         List<Line> triggers, List<Line> suppressions, List<Line> offers, long changedEvents, long changedCustomers,
                         List<Change> sample, String method) {
    }

    /**
     * Counts of one thing on each side.
     *
     * @param what     a trigger, a reason, an offer on a journey
     * @param live     how often the live rules decide it
     * @param proposed how often the proposed rules do
     */
    public record Line(String what, long live, long proposed) {
    }

    /**
     * A customer whose outcome differs, on one event.
     *
     * @param customer  the customer id, masked
     * @param eventType the event's type
     * @param at        when the event was recorded
     * @param live      what the live rules decide
     * @param proposed  what the proposed rules decide
     */
    public record Change(String customer, String eventType, Instant at, String live, String proposed) {
    }
}
