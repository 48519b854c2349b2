package io.beacon.decisioning.decision;

import java.time.Duration;

/**
 * Keeps background work (a shadow replay) to a share of one core so that live decisions keep their latency: after
 * each slice of work it sleeps long enough that work / (work + sleep) is the share. Short slices keep the wait a live
 * decision may meet behind it to about one slice.
 */
public final class Pace {

    private final double share;
    private final long sliceNanos;
    private long sliceStart = System.nanoTime();

    /**
     * @param share the share of one core the work may use, in (0, 1]; 1 is no pacing
     * @param slice how long the work runs between two pauses
     */
    public Pace(double share, Duration slice) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a share of one core in (0, 1], not " + share);
        }
        this.share = share;
        this.sliceNanos = slice.toNanos();
    }

    /** Called after each unit of work: pauses when the slice is used up. */
    public void tick() {
        long worked = System.nanoTime() - sliceStart;
        if (share >= 1 || worked < sliceNanos) {
            return;
        }
        long rest = (long) (worked * (1 - share) / share);
        try {
            Thread.sleep(Duration.ofNanos(rest));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sliceStart = System.nanoTime();
    }
}
