package io.beacon.console;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * The confidence interval of a difference of two independent proportions by Newcombe's hybrid score method (method 10
 * of Newcombe, "Interval estimation for the difference between independent proportions", Statistics in Medicine 17,
 * 1998), built on each proportion's Wilson score interval from Apache Commons Math. Chosen over the Wald interval
 * because conversion rates are small and samples uneven (a holdout is a tenth of a journey's customers): Wald's
 * interval is too narrow there and can leave [-1, 1]; Newcombe's keeps its coverage and needs no continuity fudge.
 *
 * <p>With p1 = x1/n1 in [l1, u1] and p2 = x2/n2 in [l2, u2]: the difference d = p1 - p2 lies in
 * [d - sqrt((p1 - l1)^2 + (u2 - p2)^2), d + sqrt((u1 - p1)^2 + (p2 - l2)^2)].
 */
public final class NewcombeInterval {

    /** The interval's bounds. */
    public record Bounds(double lower, double upper) {

        /** Whether the whole interval is on one side of zero: the difference is significant at the interval's level. */
        public boolean excludesZero() {
            return lower > 0 || upper < 0;
        }
    }

    private static final WilsonScoreInterval WILSON = new WilsonScoreInterval();

    private NewcombeInterval() {
    }

    /** The Wilson score interval of x successes in n trials; n must be positive and x at most n. */
    public static Bounds wilson(long x, long n, double confidence) {
        ConfidenceInterval interval = WILSON.createInterval(Math.toIntExact(n), Math.toIntExact(x), confidence);
        return new Bounds(interval.getLowerBound(), interval.getUpperBound());
    }

    /** The interval of x1/n1 - x2/n2; both n positive, each x at most its n. */
    public static Bounds difference(long x1, long n1, long x2, long n2, double confidence) {
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        Bounds first = wilson(x1, n1, confidence);
        Bounds second = wilson(x2, n2, confidence);
        double d = p1 - p2;
        return new Bounds(d - Math.hypot(p1 - first.lower(), second.upper() - p2),
                d + Math.hypot(first.upper() - p1, p2 - second.lower()));
    }
}
