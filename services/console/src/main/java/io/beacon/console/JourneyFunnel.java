package io.beacon.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One journey's funnel as the dashboard draws it: the main stages always, in the order an offer moves through
 * them, each suppression and failure reason under its stage, then any other outcome type that occurred.
 * console.js builds the same rows from /api/funnel; keep the two in step.
 *
 * @param journey null for outcomes published before any journey started
 */
public record JourneyFunnel(String journey, List<Row> rows) {

    /** @param reason true for a row that breaks its stage down by reason code */
    public record Row(String label, long count, boolean reason) {
    }

    static final List<String> STAGES = List.of("TRIGGERED", "HELD_OUT", "SUPPRESSED", "SENT", "DELIVERED", "FAILED", "CONVERTED", "OPTED_OUT");

    public static List<JourneyFunnel> of(List<FunnelCount> counts) {
        Map<String, List<FunnelCount>> byJourney = new LinkedHashMap<>();
        for (FunnelCount count : counts) {
            byJourney.computeIfAbsent(count.journey(), j -> new ArrayList<>()).add(count);
        }
        var funnels = new ArrayList<JourneyFunnel>();
        byJourney.forEach((journey, journeyCounts) -> funnels.add(new JourneyFunnel(journey, rows(journeyCounts))));
        return funnels;
    }

    private static List<Row> rows(List<FunnelCount> counts) {
        var rows = new ArrayList<Row>();
        for (String stage : STAGES) {
            rows.add(new Row(label(stage), total(counts, stage), false));
            counts.stream()
                    .filter(c -> c.type().equals(stage) && c.reason() != null)
                    .forEach(c -> rows.add(new Row(c.reason(), c.count(), true)));
        }
        counts.stream()
                .map(FunnelCount::type)
                .filter(type -> !STAGES.contains(type))
                .distinct()
                .forEach(type -> rows.add(new Row(label(type), total(counts, type), false)));
        return rows;
    }

    /** The largest count of the funnel, the 100 % of its bars. */
    public long max() {
        return rows.stream().mapToLong(Row::count).max().orElse(0);
    }

    public long triggered() {
        return rows.getFirst().count();
    }

    private static long total(List<FunnelCount> counts, String type) {
        return counts.stream().filter(c -> Objects.equals(c.type(), type)).mapToLong(FunnelCount::count).sum();
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
