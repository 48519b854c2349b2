package io.beacon.console;

import io.beacon.console.stats.Proportions;

/**
 * One row of the uplift (ADR 0025): treated against control, their difference with its interval, what it is worth,
 * and how much of it ran with no human step.
 *
 * @param uplift       treated rate minus control rate; null when a group has n = 0 (see {@code note})
 * @param interval     Newcombe's interval of the uplift at {@link UpliftReport#CONFIDENCE}; null with the uplift
 * @param significant  whether the interval excludes 0
 * @param note         why there is no uplift (a group of nobody), else null
 * @param holdoutShare the journey's holdout share as deployed (offer and journey rows), null when it is the default or unknown
 * @param automation   the journey runs (their TRIGGERED) and how many reached their outcomes with no human step (no
 *                     REVIEW_REQUESTED); null on the programme row
 */
public record UpliftRow(Scope scope, String name, String journey, String offer, Arm treated, Arm control, Double uplift,
                        Proportions.Interval interval, boolean significant, String note, Value value, Double holdoutShare,
                        Automation automation) {

    /** ALL: every journey; PROGRAMME: every journey against the global control group only; JOURNEY; OFFER of a journey. */
    public enum Scope { ALL, PROGRAMME, JOURNEY, OFFER }

    /** @param rate conversions / n; null when n = 0 */
    public record Arm(long n, long conversions, Double rate) {
        static Arm of(long n, long conversions) {
            return new Arm(n, conversions, n == 0 ? null : (double) conversions / n);
        }
    }

    /**
     * @param incrementalConversions uplift x treated n
     * @param meanValue              mean value of the treated conversions that carried one; null when none did
     * @param incrementalValue       incremental conversions x mean value
     * @param interval               the uplift's interval x treated n x mean value
     */
    public record Value(Double incrementalConversions, Double meanValue, Double incrementalValue, Proportions.Interval interval) {
    }

    /** @param share automated / runs; null with no run */
    public record Automation(long runs, long automated, Double share) {
    }

    /** Adds up counts into one row. */
    static final class Tally {
        private long treatedN;
        private long treatedConversions;
        private long controlN;
        private long controlConversions;
        private double treatedValue;
        private long treatedValued;
        private long runs;
        private long reviewed;

        /**
         * Treated: decisions in TREATMENT that were sent, converting or not; control: decisions held out (in HOLDOUT or
         * GLOBAL_CONTROL; for the programme, GLOBAL_CONTROL only). A conversion counts only for a decision counted.
         *
         * @param globalControlOnly the programme's tally: only the global control group is control
         */
        void add(MeasuredCount count, boolean globalControlOnly) {
            if (count.group() == null) {
                return;
            }
            boolean treatment = count.group().equals("TREATMENT");
            if (treatment && count.sent()) {
                treatedN += count.decisions();
                if (count.converted()) {
                    treatedConversions += count.decisions();
                    treatedValue += count.valueSum();
                    treatedValued += count.valued();
                }
            } else if (!treatment && count.heldOut() && (!globalControlOnly || count.group().equals("GLOBAL_CONTROL"))) {
                controlN += count.decisions();
                controlConversions += count.converted() ? count.decisions() : 0;
            }
        }

        void add(AutomationCount count) {
            runs += count.instances();
            reviewed += count.reviewed();
        }

        void add(Tally other) {
            treatedN += other.treatedN;
            treatedConversions += other.treatedConversions;
            controlN += other.controlN;
            controlConversions += other.controlConversions;
            treatedValue += other.treatedValue;
            treatedValued += other.treatedValued;
            runs += other.runs;
            reviewed += other.reviewed;
        }

        UpliftRow row(Scope scope, String name, String journey, String offer, Double holdoutShare) {
            Arm treated = Arm.of(treatedN, treatedConversions);
            Arm control = Arm.of(controlN, controlConversions);
            Automation automation = scope == Scope.PROGRAMME ? null
                    : new Automation(runs, runs - reviewed, runs == 0 ? null : (double) (runs - reviewed) / runs);
            Double meanValue = treatedValued == 0 ? null : treatedValue / treatedValued;
            String note = note(treated, control);
            if (note != null) {
                return new UpliftRow(scope, name, journey, offer, treated, control, null, null, false, note,
                        new Value(null, meanValue, null, null), holdoutShare, automation);
            }
            double uplift = treated.rate() - control.rate();
            var interval = Proportions.newcombe(treatedN, treatedConversions, controlN, controlConversions, UpliftReport.CONFIDENCE);
            double incremental = uplift * treatedN;
            Value value = meanValue == null ? new Value(incremental, null, null, null)
                    : new Value(incremental, meanValue, incremental * meanValue, new Proportions.Interval(
                    interval.lower() * treatedN * meanValue, interval.upper() * treatedN * meanValue));
            return new UpliftRow(scope, name, journey, offer, treated, control, uplift, interval, interval.excludesZero(), null,
                    value, holdoutShare, automation);
        }

        /** Why no uplift can be given: a group of nobody. (Conversions are counted per decision counted, so never more than n.) */
        private static String note(Arm treated, Arm control) {
            if (treated.n() == 0 || control.n() == 0) {
                return (treated.n() == 0 ? (control.n() == 0 ? "no treated and no control customers" : "no treated customers")
                        : "no control customers") + " (n = 0): no uplift or interval";
            }
            return null;
        }
    }
}
