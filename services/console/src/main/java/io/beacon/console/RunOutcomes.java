package io.beacon.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcomes recorded so far for one campaign run, counted by type (in the order an offer moves through them, then
 * any other type) and, for a type that carries one (SUPPRESSED, FAILED), by reason code, largest first.
 */
public record RunOutcomes(long total, List<TypeCount> types) {

    public record TypeCount(String type, String label, long count, List<ReasonCount> reasons) {

        /** "NO_CONSENT 1,204 · ALREADY_HOLDS 3" */
        public String reasonsText() {
            return String.join(" · ", reasons.stream().map(r -> r.reason() + " " + String.format(Locale.UK, "%,d", r.count())).toList());
        }
    }

    public record ReasonCount(String reason, long count) {
    }

    public static final RunOutcomes NONE = new RunOutcomes(0, List.of());

    /** From the (type, reason, count) groups of the run's outcomes; the journey of each count is not used. */
    static RunOutcomes of(List<FunnelCount> counts) {
        Map<String, List<FunnelCount>> byType = new LinkedHashMap<>();
        for (String stage : JourneyFunnel.STAGES) {
            byType.put(stage, new ArrayList<>());
        }
        counts.stream().sorted(Comparator.comparing(FunnelCount::type))
                .forEach(c -> byType.computeIfAbsent(c.type(), t -> new ArrayList<>()).add(c));
        var types = new ArrayList<TypeCount>();
        long total = 0;
        for (var entry : byType.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            long count = entry.getValue().stream().mapToLong(FunnelCount::count).sum();
            total += count;
            List<ReasonCount> reasons = entry.getValue().stream().filter(c -> c.reason() != null)
                    .map(c -> new ReasonCount(c.reason(), c.count()))
                    .sorted(Comparator.comparingLong(ReasonCount::count).reversed().thenComparing(ReasonCount::reason))
                    .toList();
            types.add(new TypeCount(entry.getKey(), JourneyFunnel.label(entry.getKey()), count, reasons));
        }
        return new RunOutcomes(total, List.copyOf(types));
    }

    /** The count of one type, 0 when none was recorded. */
    public long count(String type) {
        return types.stream().filter(t -> t.type().equals(type)).mapToLong(TypeCount::count).sum();
    }
}
