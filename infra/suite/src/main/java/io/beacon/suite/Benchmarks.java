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

    /** The text after {@code name} among the arguments, or {@code fallback} when it is not given. */
    static String option(String[] args, String name, String fallback) {
        int at = Arrays.asList(args).indexOf(name);
        return at < 0 || at + 1 >= args.length ? fallback : args[at + 1];
    }

    /** Refuses an argument list that is not pairs of {@code --name value} with one of the known names. */
    static void onlyOptions(String[] args, String... known) {
        var names = Arrays.asList(known);
        for (int i = 0; i < args.length; i += 2) {
            if (!names.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException((names.contains(args[i]) ? "no value for " : "unknown option ") + args[i]
                        + "; the options are " + String.join(", ", known) + ", each followed by its value");
            }
        }
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
