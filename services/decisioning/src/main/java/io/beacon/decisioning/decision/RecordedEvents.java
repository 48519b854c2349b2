package io.beacon.decisioning.decision;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The profiled events recorded since a moment, each with the profile it was decided on and when it was recorded: what
 * a {@link ShadowReplay} decides again. A customer's events come in the order they were recorded; the end is the end
 * as it was when the read began.
 */
public interface RecordedEvents {

    /**
     * What one read found.
     *
     * @param unreadable records that hold no profiled event (skipped, as the live consumer skips them)
     * @param oldestKept the oldest record still kept, null when none is
     */
    record Read(long events, long unreadable, Instant oldestKept) {
    }

    /** Hands each event recorded at or after {@code from} to {@code each}, in order, and says what it read. */
    Read since(Instant from, Consumer<ShadowReplay.Recorded> each);
}
