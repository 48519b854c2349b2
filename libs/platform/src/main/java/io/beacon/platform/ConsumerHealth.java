package io.beacon.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBinderMetrics;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;

/**
 * Makes a consumer that falls behind visible instead of silent (issue 19): every rebalance after a binding's first
 * assignment is logged and counted ({@code beacon.kafka.rebalances}, tag {@code binding}), and the consumer lag the
 * Kafka binder measures per group and topic ({@value KafkaBinderMetrics#OFFSET_LAG_METRIC_NAME}, also served on
 * {@code /actuator/metrics}) is read every {@code interval}: at or over {@code warnAt} records a WARN line names the
 * group, the topic, the lag and its change since the last reading; a later reading under it says the group caught up.
 *
 * <p>A rebalance that is not a deployment or a scale-out means a consumer left the group, most often because one
 * poll's work outlasted {@code max.poll.interval.ms}; Beacon's consumers bound that work (ADR 0020), so a rebalance in
 * the log is a finding, not noise.
 */
public final class ConsumerHealth implements KafkaBindingRebalanceListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerHealth.class);

    private final MeterRegistry meters;
    private final long warnAt;
    private final Map<String, Double> lastLag = new ConcurrentHashMap<>();
    private final Map<String, Boolean> behind = new ConcurrentHashMap<>();
    private final ScheduledExecutorService schedule;

    public ConsumerHealth(MeterRegistry meters, long warnAt, Duration interval) {
        this.meters = meters;
        this.warnAt = warnAt;
        this.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        if (interval.isPositive()) {
            schedule.scheduleWithFixedDelay(this::readLag, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            // also on every orderly shutdown: the WARN is the reassignment that follows a rebalance
            log.info("consumer {} gives up partitions {}", bindingName, partitions);
        }
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean initial) {
        if (initial) {
            log.info("consumer {} assigned {}", bindingName, partitions);
            return;
        }
        meters.counter("beacon.kafka.rebalances", "binding", bindingName).increment();
        log.warn("consumer {} rebalanced, now assigned {} (a consumer joined or left the group: a deployment, a scale-out, "
                + "or one that outlasted max.poll.interval.ms)", bindingName, partitions);
    }

    /** Rebalances of a binding since this service started, after its first assignment. */
    public double rebalances(String bindingName) {
        var counter = meters.find("beacon.kafka.rebalances").tag("binding", bindingName).counter();
        return counter == null ? 0 : counter.count();
    }

    /** One reading of the binder's lag gauges: WARN per group and topic at or over the threshold, INFO once caught up. */
    void readLag() {
        try {
            for (Gauge gauge : meters.find(KafkaBinderMetrics.OFFSET_LAG_METRIC_NAME).gauges()) {
                String group = gauge.getId().getTag("group");
                String topic = gauge.getId().getTag("topic");
                double lag = gauge.value();
                if (Double.isNaN(lag)) {
                    continue;
                }
                String key = group + " " + topic;
                Double before = lastLag.put(key, lag);
                if (lag >= warnAt) {
                    behind.put(key, true);
                    log.warn("consumer group {} is {} records behind on {}{}", group, (long) lag, topic,
                            before == null ? "" : String.format(" (%+d since the last reading)", (long) (lag - before)));
                } else if (Boolean.TRUE.equals(behind.remove(key))) {
                    log.info("consumer group {} caught up on {}: {} records behind", group, topic, (long) lag);
                }
            }
        } catch (RuntimeException e) {
            log.debug("consumer lag not read: {}", e.toString());
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
