package io.beacon.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sustained sending for the senders' benchmarks (not tests): {@code threads} workers, like the job worker's
 * max-jobs-active, each delivering one new request after another for the duration; prints messages per second and
 * the latency of one whole send (ledger, consent, profile, provider, outcome).
 */
public final class SendLoadRunner {

    /** What a run measured; rate is over the measured window (after the warm-up). */
    public record Result(String label, int sent, int failed, double perSecond, double p50Millis, double p99Millis, double maxMillis) {
        @Override
        public String toString() {
            return String.format("%-44s %6d sent %4d failed %8.1f msg/s  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms",
                    label, sent, failed, perSecond, p50Millis, p99Millis, maxMillis);
        }
    }

    private SendLoadRunner() {
    }

    public static Result run(String label, ChannelDelivery delivery, Channel channel, int threads, Duration warmUp, Duration measured)
            throws InterruptedException {
        AtomicInteger sequence = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int n = sequence.incrementAndGet();
                    var request = new DeliveryRequest(channel, "C-1001", "TERM_DEPOSIT_12M", "SalaryCredited", "journey_benchmark",
                            String.valueOf(1_000_000 + n), "Task_Send", "evt-bench-" + n, "dec-" + n);
                    long before = System.nanoTime();
                    boolean ok;
                    try {
                        ok = delivery.deliver(request).status() == DeliveryResult.Status.SENT;
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                    long after = System.nanoTime();
                    // throughput = sends completed inside the window, over the window
                    if (after >= measureFrom && after <= end) {
                        latencies.add(after - before);
                        (ok ? sent : failed).incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(measured.plus(warmUp).plusMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double seconds = measured.toNanos() / 1e9;
        return new Result(label, sent.get(), failed.get(), sent.get() / seconds, millis(sorted, 0.50), millis(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.getLast() / 1e6);
    }

    private static double millis(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
