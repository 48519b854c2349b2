package io.beacon.decisioning.policy;

import java.time.LocalDate;

/**
 * Where the {@link FrequencyCaps} keep their counters (one per customer, optionally channel, and period) and the
 * answer each reservation key got. Every operation is one atomic write or read: two journeys racing for a customer's
 * last slot must not both get it.
 */
public interface CapCounters {

    /**
     * Increments the counter if it is below the cap, atomically.
     *
     * @param cap above 0
     * @return whether the slot was taken; false when the counter is full
     */
    boolean take(String counter, int cap);

    /** Decrements the counter, never below 0: a slot given back. */
    void giveBack(String counter);

    /**
     * Records the answer a reservation key got, once.
     *
     * @return true when recorded now; false when the key was recorded before (a retried step), which is left as it was
     */
    boolean recordOnce(String reservationKey, String customerId, LocalDate localDate, boolean granted);

    /** Whether the reservation recorded under the key was granted; false when none is. */
    boolean granted(String reservationKey);
}
