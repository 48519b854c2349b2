package io.beacon.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the projection tests compare: the store's whole funnel by journey, type and reason, its steps added up. */
final class FunnelTotals {

    private FunnelTotals() {
    }

    /** Journeys without a name first, then by type and reason. */
    static List<FunnelCount> of(OutcomeStore store) {
        Map<List<String>, Long> totals = new LinkedHashMap<>();
        for (StepCount count : store.funnel(FunnelQuery.ALL)) {
            totals.merge(Arrays.asList(count.journey(), count.type(), count.reason()), count.count(), Long::sum);
        }
        var counts = new ArrayList<FunnelCount>();
        totals.forEach((key, count) -> counts.add(new FunnelCount(key.get(0), key.get(1), key.get(2), count)));
        Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        counts.sort(Comparator.comparing(FunnelCount::journey, nullsFirst).thenComparing(FunnelCount::type)
                .thenComparing(FunnelCount::reason, nullsFirst));
        return counts;
    }
}
