package io.beacon.suite;

import java.util.Arrays;

/** What the suite's benchmarks share: their {@code --name value} options and nearest-rank percentiles. */
final class Benchmarks {

    private Benchmarks() {
    }

    /** The integer after {@code name} among the arguments, or {@code fallback} when it is not given. */
    static int intOption(String[] args, String name, int fallback) {
        int at = Arrays.asList(args).indexOf(name);
        return at < 0 || at + 1 >= args.length ? fallback : Integer.parseInt(args[at + 1]);
    }

    /** The nearest-rank percentile of sorted values; 0 when there are none. */
    static long percentile(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
