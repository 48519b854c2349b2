package io.beacon.decisioning.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.ReasonCode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The frequency-cap rule on counters kept in memory: which counters a message counts against, in which order, and the give-back. */
class FrequencyCapsRuleTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    /** Counters in a map, with every call written down. */
    static final class InMemoryCounters implements CapCounters {
        final Map<String, Integer> counts = new HashMap<>();
        final Map<String, Boolean> reservations = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public boolean take(String counter, int cap) {
            calls.add("take " + counter + " " + cap);
            if (counts.getOrDefault(counter, 0) >= cap) {
                return false;
            }
            counts.merge(counter, 1, Integer::sum);
            return true;
        }

        @Override
        public void giveBack(String counter) {
            calls.add("giveBack " + counter);
            counts.computeIfPresent(counter, (k, v) -> Math.max(0, v - 1));
        }

        @Override
        public boolean recordOnce(String reservationKey, String customerId, LocalDate localDate, boolean granted) {
            return reservations.putIfAbsent(reservationKey, granted) == null;
        }

        @Override
        public boolean granted(String reservationKey) {
            return reservations.getOrDefault(reservationKey, false);
        }
    }

    @Test
    void aMessageCountsAgainstTheWeekThenTheDayGloballyThenForItsChannel() {
        var caps = new FrequencyCaps(new InMemoryCounters(), 1, 3, Map.of("sms", new FrequencyCaps.Limits(1, 2)));

        assertThat(caps.countersOf("C1", "sms", MONDAY)).containsExactly(
                new FrequencyCaps.Counter("C1|2026-W48", 3), new FrequencyCaps.Counter("C1|2026-11-23", 1),
                new FrequencyCaps.Counter("C1|sms|2026-W48", 2), new FrequencyCaps.Counter("C1|sms|2026-11-23", 1));
        assertThat(caps.countersOf("C1", "push", MONDAY)).as("a channel without caps of its own").hasSize(2);
        assertThat(caps.countersOf("C1", null, MONDAY)).hasSize(2);
    }

    @Test
    void aFullCounterRefusesTheMessageAndGivesBackWhatTheOthersGaveIt() {
        var counters = new InMemoryCounters();
        var caps = new FrequencyCaps(counters, 2, 3, Map.of("sms", new FrequencyCaps.Limits(0, 3)));

        assertThat(caps.reserve("C1", "sms", MONDAY)).contains(ReasonCode.FREQUENCY_CAP);
        assertThat(counters.calls).as("a closed channel (cap 0) is not even asked").containsExactly(
                "take C1|2026-W48 3", "take C1|2026-11-23 2", "take C1|sms|2026-W48 3", "giveBack C1|2026-W48", "giveBack C1|2026-11-23",
                "giveBack C1|sms|2026-W48");
        assertThat(counters.counts.values()).containsOnly(0);
    }

    @Test
    void aRetriedStepIsAnsweredAsItsFirstRunAndKeepsNoSecondSlot() {
        var counters = new InMemoryCounters();
        var caps = new FrequencyCaps(counters, 2, 3);

        assertThat(caps.reserveOnce("step-1", "C1", MONDAY)).isEmpty();
        assertThat(caps.reserveOnce("step-1", "C1", MONDAY)).isEmpty();
        assertThat(counters.counts).containsEntry("C1|2026-11-23", 1);
    }
}
