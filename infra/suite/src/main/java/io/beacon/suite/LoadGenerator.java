package io.beacon.suite;

import io.beacon.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./beacon load}: publishes bank events at a fixed rate to a running suite and measures whether the pipeline
 * keeps up from bank.events to a decision (the decisioning consumer), and that nothing is lost on the way.
 * Options: {@code --customers N} (1000), {@code --rate R} events/s (200), {@code --duration S} seconds (60),
 * {@code --bootstrap host:port} (127.0.0.1:9092), {@code --salary-share P} percent of events that are salary credits (1).
 */
public final class LoadGenerator {

    public static void main(String[] args) throws Exception {
        int customers = 1000;
        int rate = 200;
        int duration = 60;
        int salaryShare = 1;
        String bootstrap = "127.0.0.1:9092";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--customers" -> customers = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--bootstrap" -> bootstrap = args[++i];
                case "--salary-share" -> salaryShare = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        var random = new Random(7);
        try (var producer = new BankEventProducer(bootstrap); var admin = admin(bootstrap)) {
            System.out.printf("Onboarding %d customers...%n", customers);
            var onboarding = new ArrayList<SampleEvents.Event>();
            for (int c = 0; c < customers; c++) {
                String id = "L" + run + "-" + c;
                onboarding.add(SampleEvents.customerUpdated(id, id + "-profile", "Load", LocalDate.of(1980, 1, 1).plusDays(c % 5000),
                        "GB", "en-GB", "Europe/London", "+4477009" + String.format("%05d", c % 100_000), "load" + c + "@example.com"));
            }
            producer.sendAll(onboarding);
            awaitDrained(admin, Duration.ofMinutes(5));

            long profiledBefore = endOffsets(admin, Topics.EVENTS_PROFILED);
            System.out.printf("Publishing %d events/s for %d s...%n", rate, duration);
            long intervalNanos = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long maxLag = 0;
            long lastReport = start;
            var pending = new ArrayList<Future<RecordMetadata>>();
            int sent = 0;
            for (long n = 0; n < (long) rate * duration; n++) {
                long due = start + n * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String id = "L" + run + "-" + random.nextInt(customers);
                String eventId = "load-" + run + "-" + n;
                SampleEvents.Event event = random.nextInt(100) < salaryShare
                        ? SampleEvents.salary(id, eventId, 2000 + random.nextInt(3000), "GBP")
                        : random.nextBoolean()
                        ? SampleEvents.event(id, eventId, "/mobile-backend", "bank.digital.login", Map.of("channel", "APP", "at", Instant.now().toString()))
                        : SampleEvents.event(id, eventId, "/cards", "bank.transaction.posted", Map.of("accountId", "A-" + id,
                        "amount", 5 + random.nextInt(200), "currency", "GBP", "direction", "DEBIT", "category", "CARD", "merchantCountry", "GB"));
                pending.add(producer.send(event));
                sent++;
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    long intake = groupLag(admin, "intake", Topics.BANK_EVENTS);
                    long profiles = groupLag(admin, "profiles", Topics.EVENTS_ACCEPTED);
                    long decisioning = groupLag(admin, "decisioning", Topics.EVENTS_PROFILED);
                    maxLag = Math.max(maxLag, intake + profiles + decisioning);
                    System.out.printf("  t=%3.0f s sent=%d lag: intake %d, profiles %d, decisioning %d%n",
                            (lastReport - start) / 1e9, sent, intake, profiles, decisioning);
                }
            }
            for (var f : pending) {
                f.get();
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long drainStart = System.nanoTime();
            awaitDrained(admin, Duration.ofMinutes(5));
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            long decided = endOffsets(admin, Topics.EVENTS_PROFILED) - profiledBefore;
            System.out.printf("%nResult: published %d events in %.1f s (%.0f events/s); all decided %.1f s after the last was published; "
                    + "max pipeline lag %d; events that reached decisioning %d of %d (%s).%n",
                    sent, sendSeconds, sent / sendSeconds, drainSeconds, maxLag, decided, sent, decided == sent ? "no loss" : "MISMATCH");
            if (decided != sent) {
                System.exit(1);
            }
        }
    }

    private static Admin admin(String bootstrap) {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

    /** Events published but not yet decided: lag of intake, profiles and decisioning summed. */
    private static long lag(Admin admin) throws Exception {
        return groupLag(admin, "intake", Topics.BANK_EVENTS) + groupLag(admin, "profiles", Topics.EVENTS_ACCEPTED)
                + groupLag(admin, "decisioning", Topics.EVENTS_PROFILED);
    }

    private static void awaitDrained(Admin admin, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lag(admin) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not drain within " + timeout + "; lag " + lag(admin));
            }
            Thread.sleep(250);
        }
    }

    private static long groupLag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long end = endOffsets(admin, topic);
        long done = committed.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
        return end - done;
    }

    private static long endOffsets(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
                .values().stream().mapToLong(r -> r.offset()).sum();
    }
}
