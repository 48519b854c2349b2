package io.beacon.console.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * Conversion rates and their differences, with the intervals marketing decides on: Wilson's score interval for one
 * rate, Newcombe's hybrid score interval (his method 10, 1998) for the difference of two independent rates, and the
 * sample size a two-sided test needs to detect a difference. The distributions come from Apache Commons Math.
 */
public final class Proportions {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    /** A closed interval; for a difference, significant when it excludes 0. */
    public record Interval(double lower, double upper) {
        public boolean excludesZero() {
            return lower > 0 || upper < 0;
        }
    }

    private Proportions() {
    }

    /** Wilson's score interval of successes out of trials; trials must be positive. */
    public static Interval wilson(long trials, long successes, double confidence) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("a rate needs 0 <= successes <= trials and trials > 0, was " + successes + " of " + trials);
        }
        ConfidenceInterval interval = new WilsonScoreInterval().createInterval(Math.toIntExact(trials), Math.toIntExact(successes), confidence);
        return new Interval(Math.max(0, interval.getLowerBound()), Math.min(1, interval.getUpperBound()));
    }

    /**
     * Newcombe's hybrid score interval for p1 - p2: with (l1, u1) and (l2, u2) the Wilson intervals of each rate,
     * lower = d - sqrt((p1 - l1)^2 + (u2 - p2)^2) and upper = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
     */
    public static Interval newcombe(long trials1, long successes1, long trials2, long successes2, double confidence) {
        double p1 = (double) successes1 / trials1;
        double p2 = (double) successes2 / trials2;
        Interval one = wilson(trials1, successes1, confidence);
        Interval two = wilson(trials2, successes2, confidence);
        double d = p1 - p2;
        return new Interval(d - Math.sqrt(square(p1 - one.lower()) + square(two.upper() - p2)),
                d + Math.sqrt(square(one.upper() - p1) + square(p2 - two.lower())));
    }

    /**
     * Customers needed in each of two groups for a two-sided test at level alpha to find an absolute difference of
     * {@code effect} from a baseline rate with the given power (the normal approximation with pooled variance under
     * the null hypothesis), rounded up.
     */
    public static long sampleSizePerGroup(double baseline, double effect, double alpha, double power) {
        double p1 = baseline;
        double p2 = Math.min(1, baseline + effect);
        if (!(p1 > 0 && p1 < 1) || p2 == p1) {
            throw new IllegalArgumentException("a sample size needs a baseline rate between 0 and 1 and a non-zero effect, was "
                    + baseline + " and " + effect);
        }
        double pooled = (p1 + p2) / 2;
        double zAlpha = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double zBeta = NORMAL.inverseCumulativeProbability(power);
        double numerator = zAlpha * Math.sqrt(2 * pooled * (1 - pooled)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (long) Math.ceil(square(numerator) / square(p2 - p1));
    }

    private static double square(double x) {
        return x * x;
    }
}
