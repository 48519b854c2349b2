package io.beacon.console.experiments;

import io.beacon.console.stats.Proportions;
import io.beacon.console.stats.Proportions.Interval;
import io.beacon.contracts.ContentExperiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an experiment's variants convert (ADR 0025): per variant the sends and the conversions that followed them, the
 * rate with its Wilson interval, and the difference from the control variant ({@code default}, else the first) with
 * Newcombe's interval. With more than one challenger each comparison is made at 1 - 0.05 / (variants - 1) (Bonferroni),
 * so looking at several does not find a winner by chance. A winner is declared only when significant: the best
 * challenger that beats the control, or the control when it beats every challenger. The sample size is what each
 * variant needs to detect the experiment's minimum detectable effect from the control's rate, at 80 % power.
 *
 * @param confidence the level each comparison is made at
 * @param winner     the variant that significantly converts best, null while none does
 * @param sampleSizePerVariant sends each variant needs for the minimum detectable effect; null until the control has a
 *                   rate strictly between 0 and 1 to start from
 */
public record ExperimentResults(ContentExperiment experiment, String control, double confidence, List<VariantResult> variants,
                                String winner, String verdict, Long sampleSizePerVariant) {

    static final double ALPHA = 0.05;
    static final double POWER = 0.8;

    /**
     * @param rate       conversions over sends; null with no send
     * @param interval   Wilson's interval of the rate
     * @param difference rate minus the control's; null for the control or with no send on either side
     * @param differenceInterval Newcombe's interval of the difference
     * @param significant the difference's interval excludes 0
     */
    public record VariantResult(String name, int share, long sent, long converted, Double rate, Interval interval,
                                Double difference, Interval differenceInterval, boolean significant) {

        /** "5.0 %", or a dash with no send. */
        public String rateText() {
            return rate == null ? "–" : percent(rate);
        }

        /** "3.8 % to 6.5 %". */
        public String intervalText() {
            return interval == null ? "–" : percent(interval.lower()) + " to " + percent(interval.upper());
        }

        /** "+4.0 points", or a dash for the control. */
        public String differenceText() {
            return difference == null ? "–" : points(difference);
        }

        /** "+1.9 points to +6.1 points". */
        public String differenceIntervalText() {
            return differenceInterval == null ? "–" : points(differenceInterval.lower()) + " to " + points(differenceInterval.upper());
        }
    }

    /** Sends and conversions by variant name, as counted from beacon.offers. */
    public record Counts(long sent, long converted) {
    }

    /** "95 %", or "97.5 %" with two challengers. */
    public String confidenceText() {
        return percentLevel(confidence) + " %";
    }

    static ExperimentResults of(ContentExperiment experiment, Map<String, Counts> byVariant) {
        int comparisons = Math.max(1, experiment.variants().size() - 1);
        double alpha = ALPHA / comparisons;
        double confidence = 1 - alpha;
        String control = experiment.variants().stream().map(ContentExperiment.Variant::name)
                .filter(ContentExperiment.DEFAULT::equals).findFirst().orElse(experiment.variants().getFirst().name());
        Counts controlCounts = byVariant.getOrDefault(control, new Counts(0, 0));

        var results = new ArrayList<VariantResult>();
        for (ContentExperiment.Variant variant : experiment.variants()) {
            Counts counts = byVariant.getOrDefault(variant.name(), new Counts(0, 0));
            long converted = Math.min(counts.converted(), counts.sent());
            Double rate = counts.sent() == 0 ? null : (double) converted / counts.sent();
            Interval interval = counts.sent() == 0 ? null : Proportions.wilson(counts.sent(), converted, confidence);
            Double difference = null;
            Interval differenceInterval = null;
            if (!variant.name().equals(control) && counts.sent() > 0 && controlCounts.sent() > 0) {
                long controlConverted = Math.min(controlCounts.converted(), controlCounts.sent());
                difference = rate - (double) controlConverted / controlCounts.sent();
                differenceInterval = Proportions.newcombe(counts.sent(), converted, controlCounts.sent(), controlConverted, confidence);
            }
            results.add(new VariantResult(variant.name(), variant.share(), counts.sent(), converted, rate, interval, difference,
                    differenceInterval, differenceInterval != null && differenceInterval.excludesZero()));
        }

        VariantResult controlResult = results.stream().filter(r -> r.name().equals(control)).findFirst().orElseThrow();
        List<VariantResult> challengers = results.stream().filter(r -> !r.name().equals(control)).toList();
        Optional<VariantResult> bestChallenger = challengers.stream()
                .filter(r -> r.significant() && r.difference() > 0)
                .max(java.util.Comparator.comparingDouble(VariantResult::rate));
        boolean controlBeatsAll = !challengers.isEmpty() && challengers.stream().allMatch(r -> r.significant() && r.difference() < 0);
        String winner = bestChallenger.map(VariantResult::name).orElse(controlBeatsAll ? control : null);

        Long sampleSize = controlResult.rate() != null && controlResult.rate() > 0 && controlResult.rate() < 1
                && controlResult.rate() + experiment.minimumDetectableEffect() < 1
                ? Proportions.sampleSizePerGroup(controlResult.rate(), experiment.minimumDetectableEffect(), alpha, POWER) : null;
        return new ExperimentResults(experiment, control, confidence, results, winner,
                verdict(experiment, control, winner, results, sampleSize, confidence), sampleSize);
    }

    private static String verdict(ContentExperiment experiment, String control, String winner, List<VariantResult> results,
                                  Long sampleSize, double confidence) {
        String level = percentLevel(confidence) + " %";
        if (winner != null && !winner.equals(control)) {
            VariantResult w = results.stream().filter(r -> r.name().equals(winner)).findFirst().orElseThrow();
            return winner + " converts better than " + control + ": " + points(w.difference()) + " (" + level + " interval "
                    + points(w.differenceInterval().lower()) + " to " + points(w.differenceInterval().upper()) + ")";
        }
        if (winner != null) {
            return control + " converts better than every other variant (at " + level + ")";
        }
        long fewest = results.stream().mapToLong(VariantResult::sent).min().orElse(0);
        String needed = sampleSize == null
                ? "the sample size is known once " + control + " has sends with and without a conversion"
                : fewest + " of the " + sampleSize + " sends each variant needs to detect " + points(experiment.minimumDetectableEffect());
        return "No winner yet: no difference is significant at " + level + "; " + needed;
    }

    static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", rate * 100);
    }

    /** An absolute difference in percentage points, e.g. "+3.1 points". */
    static String points(double difference) {
        return String.format(java.util.Locale.ROOT, "%+.1f points", difference * 100);
    }

    private static String percentLevel(double share) {
        String text = String.format(java.util.Locale.ROOT, "%.2f", share * 100);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
