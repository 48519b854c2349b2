package io.beacon.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One funnel as the journeys page draws it: the stages always, in the order an offer moves through them, each reason
 * (suppression, deferral, failure, holdout) under its stage, then any other outcome type that occurred; and per step
 * (BPMN element id) its counts by type. "All journeys" is the sum of every journey's, outcomes without a journey
 * included. console.js builds the same funnels from the counts of /api/funnel; keep the two in step.
 *
 * @param journey   the journey id; null for "All journeys" and for outcomes that carry no journey
 * @param name      what the page calls it: the journey id, {@value #ALL_JOURNEYS} or {@value #NO_JOURNEY}
 * @param all       true for the sum across journeys
 * @param triggered the funnel's start: its TRIGGERED count, the 100 % of its shares
 * @param stepTypes the types any step reached, in stage order then the others: the columns of the step table
 * @param steps     per step its count of each of {@code stepTypes}; empty for "All journeys" (step ids belong to a journey)
 */
public record JourneyFunnel(String journey, String name, boolean all, long triggered, List<Row> rows,
                            List<String> stepTypes, List<StepRow> steps) {

    public static final String ALL_JOURNEYS = "All journeys";
    public static final String NO_JOURNEY = "(no journey)";
    public static final String NO_STEP = "(no step)";

    /** @param reason null for a stage's total, the reason code for a row that breaks its stage down */
    public record Row(String type, String reason, String label, long count) {
        public boolean byReason() {
            return reason != null;
        }
    }

    /** @param step null when the outcomes named no step */
    public record StepRow(String step, Map<String, Long> counts) {
        public String name() {
            return step == null ? NO_STEP : step;
        }

        public long count(String type) {
            return counts.getOrDefault(type, 0L);
        }
    }

    static final List<String> STAGES = List.of("TRIGGERED", "HELD_OUT", "SUPPRESSED", "DEFERRED", "SENT", "DELIVERED", "FAILED",
            "CONVERTED", "OPTED_OUT");

    /** "All journeys" first, then each journey by id, then the outcomes without one; none at all when there are no counts. */
    public static List<JourneyFunnel> of(List<StepCount> counts) {
        var funnels = new ArrayList<JourneyFunnel>();
        if (counts.isEmpty()) {
            return funnels;
        }
        funnels.add(funnel(null, ALL_JOURNEYS, true, counts));
        Map<String, List<StepCount>> byJourney = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (StepCount count : counts) {
            byJourney.computeIfAbsent(count.journey(), j -> new ArrayList<>()).add(count);
        }
        byJourney.forEach((journey, journeyCounts) ->
                funnels.add(funnel(journey, journey == null ? NO_JOURNEY : journey, false, journeyCounts)));
        return funnels;
    }

    private static JourneyFunnel funnel(String journey, String name, boolean all, List<StepCount> counts) {
        List<String> types = types(counts);
        return new JourneyFunnel(journey, name, all, total(counts, "TRIGGERED"), rows(counts, types), types,
                all ? List.of() : steps(counts, types));
    }

    /** The types that occurred, in stage order, then the others by name. */
    private static List<String> types(List<StepCount> counts) {
        var types = new ArrayList<String>();
        var others = new TreeSet<String>();
        for (String stage : STAGES) {
            if (counts.stream().anyMatch(c -> c.type().equals(stage))) {
                types.add(stage);
            }
        }
        counts.stream().map(StepCount::type).filter(type -> !STAGES.contains(type)).forEach(others::add);
        types.addAll(others);
        return List.copyOf(types);
    }

    private static List<Row> rows(List<StepCount> counts, List<String> types) {
        var rows = new ArrayList<Row>();
        for (String stage : STAGES) {
            rows.add(new Row(stage, null, label(stage), total(counts, stage)));
            reasons(counts, stage).forEach((reason, count) -> rows.add(new Row(stage, reason, reason, count)));
        }
        types.stream().filter(type -> !STAGES.contains(type))
                .forEach(type -> rows.add(new Row(type, null, label(type), total(counts, type))));
        return List.copyOf(rows);
    }

    private static Map<String, Long> reasons(List<StepCount> counts, String type) {
        Map<String, Long> reasons = new TreeMap<>();
        counts.stream().filter(c -> c.type().equals(type) && c.reason() != null)
                .forEach(c -> reasons.merge(c.reason(), c.count(), Long::sum));
        return reasons;
    }

    /** Steps in the order of the first stage each reached, then by id; the outcomes without a step last. */
    private static List<StepRow> steps(List<StepCount> counts, List<String> types) {
        Map<String, Map<String, Long>> bySteps = new LinkedHashMap<>();
        for (StepCount count : counts) {
            bySteps.computeIfAbsent(count.step(), s -> new LinkedHashMap<>()).merge(count.type(), count.count(), Long::sum);
        }
        var steps = new ArrayList<StepRow>();
        bySteps.forEach((step, byType) -> {
            Map<String, Long> row = new LinkedHashMap<>();
            types.forEach(type -> row.put(type, byType.getOrDefault(type, 0L)));
            steps.add(new StepRow(step, row));
        });
        steps.sort(Comparator.comparingInt((StepRow s) -> firstStage(s.counts()))
                .thenComparing(StepRow::step, Comparator.nullsLast(Comparator.naturalOrder())));
        return List.copyOf(steps);
    }

    private static int firstStage(Map<String, Long> counts) {
        for (int i = 0; i < STAGES.size(); i++) {
            if (counts.getOrDefault(STAGES.get(i), 0L) > 0) {
                return i;
            }
        }
        return STAGES.size();
    }

    /** The largest count of the funnel, the 100 % of its bars. */
    public long max() {
        return rows.stream().mapToLong(Row::count).max().orElse(0);
    }

    /** The count of one type (its stage total), 0 when none. */
    public long count(String type) {
        return rows.stream().filter(r -> r.type().equals(type) && r.reason() == null).mapToLong(Row::count).sum();
    }

    private static long total(List<StepCount> counts, String type) {
        return counts.stream().filter(c -> Objects.equals(c.type(), type)).mapToLong(StepCount::count).sum();
    }

    /** Bars are sized by a class in 5 % steps, not an inline style, so that a strict CSP (no inline styles) holds. */
    public static String widthClass(long count, long max) {
        if (count <= 0 || max <= 0) {
            return "w0";
        }
        long steps = Math.max(1, Math.round(count * 20.0 / max));
        return "w" + steps * 5;
    }

    public static String share(long count, long triggered) {
        return triggered <= 0 ? "" : Math.round(count * 100.0 / triggered) + " %";
    }

    public static String label(String type) {
        String words = type.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
