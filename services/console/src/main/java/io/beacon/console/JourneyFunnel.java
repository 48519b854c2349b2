package io.beacon.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One funnel as the journeys page draws it, in the order an offer moves: what the rules <em>proposed</em> (TRIGGERED
 * plus the offers suppressed at the decision), the suppressions at the decision by reason, TRIGGERED, then the
 * journey's lines (held out, suppressed in the journey, deferred, sent, ...), each reason under its line, then any other
 * outcome type that occurred; and per step (BPMN element id) its counts by type. "All journeys" is the sum of every
 * journey's, outcomes without a journey included. console.js draws the funnels of /api/funnel as they are.
 *
 * <p>Each row is a share of the line it can be read against: the decision's lines of the proposed count (a decision's
 * suppressions are not part of what was triggered, so a share of triggered could pass 100 %), DELIVERED, BOUNCED and
 * COMPLAINED of SENT (an email's bounce and complaint rates, ADR 0034), every
 * other line of TRIGGERED.
 *
 * @param journey   the journey id; null for "All journeys" and for outcomes that carry no journey
 * @param name      what the page calls it: the journey id, {@value #ALL_JOURNEYS} or {@value #NO_JOURNEY}
 * @param all       true for the sum across journeys
 * @param proposed  the offers the rules proposed: TRIGGERED plus the decision's SUPPRESSED
 * @param triggered the offers that started a journey
 * @param stepTypes the outcome types any step reached, in line order then the others: the columns of the step table
 * @param steps     per step its count of each of {@code stepTypes}; empty for "All journeys" (step ids belong to a journey)
 */
public record JourneyFunnel(String journey, String name, boolean all, long proposed, long triggered, List<Row> rows,
                            List<String> stepTypes, List<StepRow> steps) {

    public static final String ALL_JOURNEYS = "All journeys";
    public static final String NO_JOURNEY = "(no journey)";
    public static final String NO_STEP = "(no step)";

    /** The decision's lines: what the rules proposed, and the offers they suppressed before any journey. */
    public static final String PROPOSED = "PROPOSED";
    public static final String SUPPRESSED_AT_DECISION = "SUPPRESSED_AT_DECISION";
    /**
     * A channel the journey tried and was refused (by the contact policy, or by the channel service's own checks): the
     * journey goes on to its next channel, so a run may count here more than once. The journey's own SUPPRESSED (its
     * record step, when no channel was left) stays "Suppressed in journey".
     */
    public static final String REFUSED_ON_CHANNEL = "REFUSED_ON_CHANNEL";

    /** The outcome types in the order an offer moves through them (a campaign run's outcomes are listed so too). */
    static final List<String> STAGES = List.of("TRIGGERED", "HELD_OUT", "SUPPRESSED", "DEFERRED", "SENT", "DELIVERED", "BOUNCED", "COMPLAINED", "FAILED",
            "CONVERTED", "OPTED_OUT");

    /** The funnel's lines in order; each but PROPOSED counts one outcome type (SUPPRESSED twice: at the decision and in the journey). */
    static final List<String> LINES = List.of(PROPOSED, SUPPRESSED_AT_DECISION, "TRIGGERED", "HELD_OUT", REFUSED_ON_CHANNEL, "SUPPRESSED", "DEFERRED",
            "SENT", "DELIVERED", "BOUNCED", "COMPLAINED", "FAILED", "CONVERTED", "OPTED_OUT");

    /**
     * @param line   one of {@link #LINES}, or another outcome type that occurred
     * @param type   the outcome type counted, null for PROPOSED
     * @param reason null for a line's total, the reason code for a row that breaks its line down
     * @param of     the line this row is a share of: PROPOSED, TRIGGERED or SENT
     * @param share  count / the count of {@code of}; null when that is 0
     */
    public record Row(String line, String type, String reason, String label, long count, String of, Double share) {
        public boolean byReason() {
            return reason != null;
        }

        /** "50 % of triggered"; empty with no base. */
        public String shareText() {
            return share == null ? "" : Math.round(share * 100) + " % of " + JourneyFunnel.label(of).toLowerCase(Locale.ROOT);
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

    /** Whether an outcome was reached at the decision, before any journey ({@link io.beacon.contracts.OfferOutcome#atDecision}). */
    public static boolean atDecision(String step) {
        return io.beacon.contracts.OfferOutcome.atDecision(step);
    }

    /** The line a count belongs to: its type, except a SUPPRESSED at the decision or on one channel of the journey. */
    static String line(StepCount count) {
        if (!count.type().equals("SUPPRESSED")) {
            return count.type();
        }
        if (atDecision(count.step())) {
            return SUPPRESSED_AT_DECISION;
        }
        return count.step() != null && !count.step().startsWith("Task_Record") ? REFUSED_ON_CHANNEL : "SUPPRESSED";
    }

    private static JourneyFunnel funnel(String journey, String name, boolean all, List<StepCount> counts) {
        List<String> types = types(counts);
        Map<String, Long> totals = new LinkedHashMap<>();
        counts.forEach(c -> totals.merge(line(c), c.count(), Long::sum));
        long triggered = totals.getOrDefault("TRIGGERED", 0L);
        long proposed = triggered + totals.getOrDefault(SUPPRESSED_AT_DECISION, 0L);
        totals.put(PROPOSED, proposed);
        return new JourneyFunnel(journey, name, all, proposed, triggered, rows(counts, totals, types), types,
                all ? List.of() : steps(counts, types));
    }

    /** The outcome types that occurred, in line order, then the others by name. */
    private static List<String> types(List<StepCount> counts) {
        var types = new ArrayList<String>();
        for (String line : LINES) {
            if (counts.stream().anyMatch(c -> c.type().equals(line))) {
                types.add(line);
            }
        }
        var others = new TreeSet<String>();
        counts.stream().map(StepCount::type).filter(type -> !LINES.contains(type)).forEach(others::add);
        types.addAll(others);
        return List.copyOf(types);
    }

    private static List<Row> rows(List<StepCount> counts, Map<String, Long> totals, List<String> types) {
        var rows = new ArrayList<Row>();
        var lines = new ArrayList<>(LINES);
        types.stream().filter(type -> !LINES.contains(type)).forEach(lines::add);
        for (String line : lines) {
            String of = of(line);
            Long base = totals.getOrDefault(of, 0L);
            String type = line.equals(PROPOSED) ? null : line.equals(SUPPRESSED_AT_DECISION) || line.equals(REFUSED_ON_CHANNEL) ? "SUPPRESSED" : line;
            rows.add(new Row(line, type, null, lineLabel(line), totals.getOrDefault(line, 0L), of, share(totals.getOrDefault(line, 0L), base)));
            reasons(counts, c -> line(c).equals(line)).forEach((reason, count) ->
                    rows.add(new Row(line, type, reason, reason, count, of, share(count, base))));
        }
        return List.copyOf(rows);
    }

    /** The line a line is read against. */
    private static String of(String line) {
        return switch (line) {
            case PROPOSED, SUPPRESSED_AT_DECISION, "TRIGGERED" -> PROPOSED;
            case "DELIVERED", "BOUNCED", "COMPLAINED" -> "SENT";
            default -> "TRIGGERED";
        };
    }

    private static Double share(long count, long base) {
        return base <= 0 ? null : (double) count / base;
    }

    private static Map<String, Long> reasons(List<StepCount> counts, Predicate<StepCount> selected) {
        Map<String, Long> reasons = new TreeMap<>();
        counts.stream().filter(c -> selected.test(c) && c.reason() != null).forEach(c -> reasons.merge(c.reason(), c.count(), Long::sum));
        return reasons;
    }

    /** Steps in the order of the first line each reached, then by id; the outcomes without a step last. */
    private static List<StepRow> steps(List<StepCount> counts, List<String> types) {
        Map<String, Map<String, Long>> bySteps = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (StepCount count : counts) {
            bySteps.computeIfAbsent(count.step(), s -> new LinkedHashMap<>()).merge(count.type(), count.count(), Long::sum);
            int index = LINES.indexOf(line(count));
            firstLine.merge(count.step(), index < 0 ? LINES.size() : index, Math::min);
        }
        var steps = new ArrayList<StepRow>();
        bySteps.forEach((step, byType) -> {
            Map<String, Long> row = new LinkedHashMap<>();
            types.forEach(type -> row.put(type, byType.getOrDefault(type, 0L)));
            steps.add(new StepRow(step, row));
        });
        steps.sort(Comparator.comparingInt((StepRow s) -> firstLine.get(s.step()))
                .thenComparing(StepRow::step, Comparator.nullsLast(Comparator.naturalOrder())));
        return List.copyOf(steps);
    }

    /** The largest count of the funnel, the 100 % of its bars. */
    public long max() {
        return rows.stream().mapToLong(Row::count).max().orElse(0);
    }

    /** The count of one line (its total), 0 when none. */
    public long count(String line) {
        return rows.stream().filter(r -> r.line().equals(line) && r.reason() == null).mapToLong(Row::count).sum();
    }

    /** Bars are sized by a class in 5 % steps, not an inline style, so that a strict CSP (no inline styles) holds. */
    public static String widthClass(long count, long max) {
        if (count <= 0 || max <= 0) {
            return "w0";
        }
        long steps = Math.max(1, Math.round(count * 20.0 / max));
        return "w" + steps * 5;
    }

    /** A line's label: its words ("Held out", "Suppressed at decision"), the journey's SUPPRESSED "Suppressed in journey". */
    static String lineLabel(String line) {
        return switch (line) {
            case "SUPPRESSED" -> "Suppressed in journey";
            case REFUSED_ON_CHANNEL -> "Refused on a channel";
            default -> label(line);
        };
    }

    /** An outcome type or line in words: "Held out". */
    public static String label(String type) {
        String words = type.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
