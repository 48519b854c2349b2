package io.beacon.suite;

import io.beacon.contracts.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./beacon load}: publishes bank events at a fixed rate to a running suite and tells what became of its own
 * events, whatever else runs on the topics.
 * <ol>
 * <li>Onboards its customers ({@code L<run>-<n>}, time zone Europe/London): a {@code bank.customer.updated} each and
 * the marketing consents the sample's customers grant ({@code bank.consent.changed} GRANTED, {@link SampleEvents#consents}):
 * SMS for {@code --consent-share} percent, push 30 % and email 40 % independently. It waits until decisioning has
 * decided every onboarding event and the consent service has recorded every consent (at most 5 minutes).</li>
 * <li>Publishes {@code --rate} events/s for {@code --duration} s: card payments and digital logins, and
 * {@code --salary-share} percent salary credits.</li>
 * <li>Waits up to {@code --settle} s after the last event until every event of the run is decided and every journey
 * it triggered has ended or waits for something that outlasts a run (a SENT offer's conversion, an RM review).</li>
 * </ol>
 * Every event id starts with {@code load-<run>-}; a plain consumer ({@link RunFollower}) reads bank.events.rejected,
 * beacon.events.accepted, beacon.events.profiled, beacon.journeys.triggered and beacon.offers from their ends at the
 * start, and {@link LoadRun} counts only the run's own records. Every 5 s, while publishing and while waiting, a
 * progress line: events published and decided, triggers, journey outcomes, consumer-group lag. The report: the rate
 * achieved, the events decided of those published, when the last was decided, the largest lag, triggers, journeys
 * started, ended per outcome and waiting, sends per channel, and the time from the last event to the last journey
 * outcome. Exit 0 when every event of the run was decided, 1 otherwise.
 * <p>
 * Options: {@code --customers N} (1000), {@code --rate R} events/s (200), {@code --duration S} seconds (60),
 * {@code --salary-share P} percent of events that are salary credits (1), {@code --consent-share P} percent of
 * customers who consent to SMS marketing (70, as in the sample), {@code --settle S} seconds to wait for the pipeline
 * after the last event (120), {@code --bootstrap host:port} (127.0.0.1:9092).
 */
public final class LoadGenerator {

    private static final String[] OPTIONS = {"--customers", "--rate", "--duration", "--salary-share", "--consent-share", "--settle", "--bootstrap"};
    /** The load customers' time zone: quiet hours are theirs. */
    static final ZoneId TIME_ZONE = ZoneId.of("Europe/London");
    private static final Duration ONBOARDING_TIMEOUT = Duration.ofMinutes(5);
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    private LoadGenerator() {
    }

    record Options(int customers, int rate, int duration, int salaryShare, int consentShare, int settle, String bootstrap) {

        static Options parse(String[] args) {
            Benchmarks.onlyOptions(args, OPTIONS);
            var options = new Options(Benchmarks.intOption(args, "--customers", 1000), Benchmarks.intOption(args, "--rate", 200),
                    Benchmarks.intOption(args, "--duration", 60), Benchmarks.intOption(args, "--salary-share", 1),
                    Benchmarks.intOption(args, "--consent-share", SampleEvents.SMS_CONSENT_SHARE),
                    Benchmarks.intOption(args, "--settle", 120), Benchmarks.option(args, "--bootstrap", "127.0.0.1:9092"));
            if (options.customers < 1 || options.rate < 1 || options.duration < 0 || options.settle < 0
                    || options.salaryShare < 0 || options.salaryShare > 100 || options.consentShare < 0 || options.consentShare > 100) {
                throw new IllegalArgumentException("customers and rate at least 1, duration and settle at least 0, shares 0 to 100 percent: " + options);
            }
            return options;
        }
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(Options.parse(args), System.out));
    }

    /** Runs the load and prints its progress and report; returns the exit code. */
    static int run(Options options, PrintStream out) throws Exception {
        var run = new LoadRun(LoadRun.newId());
        var random = new Random(7);
        long start = System.nanoTime();
        try (var admin = admin(options.bootstrap()); var follower = new RunFollower(options.bootstrap(), run);
             var producer = new BankEventProducer(options.bootstrap())) {
            var pipeline = new Pipeline(admin, run, out, start);

            var onboarding = onboarding(run, options.customers(), options.consentShare(), random);
            out.printf("Run %s: onboarding %d customers, %s...%n", run.id(), options.customers(), consentCounts(onboarding));
            onboarding.forEach(e -> run.published(e.eventId()));
            producer.sendAll(onboarding);
            long deadline = System.nanoTime() + ONBOARDING_TIMEOUT.toNanos();
            LoadRun.Summary onboarded = pipeline.poll();
            while (!(onboarded.noLoss() && onboarded.consentsRecorded() == onboarded.consents())) {
                if (System.nanoTime() > deadline) {
                    out.printf("%nThe run's onboarding was not decided within %s: %d of %d decided, %d of %d consents recorded.%n",
                            ONBOARDING_TIMEOUT, onboarded.decided(), onboarded.published(), onboarded.consentsRecorded(), onboarded.consents());
                    onboarded.report().forEach(out::println);
                    return 1;
                }
                Thread.sleep(500);
                onboarded = pipeline.poll();
                pipeline.progressIfDue(onboarded);
            }

            LocalTime local = LocalTime.now(TIME_ZONE);
            if (local.isBefore(LocalTime.of(8, 0)) || !local.isBefore(LocalTime.of(21, 0))) {
                out.printf("It is %s in %s, the customers' time zone: within the default quiet hours (21:00-08:00), so journeys "
                        + "wait for 08:00 to send and are reported as waiting.%n", local.withNano(0), TIME_ZONE);
            }
            out.printf("Publishing %d events/s for %d s (%d %% salary credits)...%n", options.rate(), options.duration(), options.salaryShare());
            long intervalNanos = 1_000_000_000L / options.rate();
            long publishStart = System.nanoTime();
            var pending = new ArrayList<Future<RecordMetadata>>();
            int sent = 0;
            for (long n = 0; n < (long) options.rate() * options.duration(); n++) {
                long due = publishStart + n * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                var event = event(run, n, options.customers(), options.salaryShare(), random);
                run.published(event.eventId());
                pending.add(producer.send(event));
                sent++;
                pipeline.progressEvery5s();
            }
            for (var f : pending) {
                f.get();
            }
            double sendSeconds = (System.nanoTime() - publishStart) / 1e9;

            long settleDeadline = System.nanoTime() + options.settle() * 1_000_000_000L;
            Instant allDecidedAt = null;
            LoadRun.Summary summary = pipeline.poll();
            while (true) {
                if (allDecidedAt == null && summary.noLoss()) {
                    allDecidedAt = Instant.now();
                }
                if (summary.settled() || System.nanoTime() > settleDeadline) {
                    break;
                }
                Thread.sleep(500);
                summary = pipeline.poll();
                pipeline.progressIfDue(summary);
            }
            pipeline.progress(summary);

            out.printf("%nResult of run %s: published %d events in %.1f s (%.0f events/s) after %d onboarding events; %s; max pipeline lag %d "
                            + "(consumer groups, all traffic); %s.%n",
                    run.id(), sent, sendSeconds, sendSeconds > 0 ? sent / sendSeconds : 0, onboarding.size(),
                    allDecidedAt == null ? "NOT all decided within the settle of " + options.settle() + " s"
                            : String.format(Locale.ROOT, "all decided %.1f s after the last was published",
                            Duration.between(summary.lastPublishedAt(), allDecidedAt).toMillis() / 1000.0),
                    pipeline.maxLag,
                    summary.settled() ? "settled: every journey ended or waits for a conversion or a review"
                            : "stopped waiting after the settle of " + options.settle() + " s");
            summary.report().forEach(out::println);
            return summary.noLoss() ? 0 : 1;
        }
    }

    /**
     * The run's customers, each a {@code bank.customer.updated} with synthetic contact points, and the consents the
     * sample's customers grant ({@link SampleEvents#consents}) with {@code consentShare} percent for SMS.
     */
    static List<SampleEvents.Event> onboarding(LoadRun run, int customers, int consentShare, Random random) {
        var events = new ArrayList<SampleEvents.Event>();
        for (int c = 0; c < customers; c++) {
            String id = run.customerId(c);
            events.add(SampleEvents.customerUpdated(id, run.eventId(c + "-profile"), "Load", LocalDate.of(1980, 1, 1).plusDays(c % 5000),
                    "GB", "en-GB", TIME_ZONE.getId(), "+4477009" + String.format("%05d", c % 100_000), "load" + c + "@example.com"));
            events.addAll(SampleEvents.consents(id, run.eventId(Integer.toString(c)), consentShare, random));
        }
        return events;
    }

    /** The n-th event of the timed load: a salary credit ({@code salaryShare} percent), else a login or a card payment. */
    static SampleEvents.Event event(LoadRun run, long n, int customers, int salaryShare, Random random) {
        String id = run.customerId(random.nextInt(customers));
        String eventId = run.eventId(Long.toString(n));
        return random.nextInt(100) < salaryShare
                ? SampleEvents.salary(id, eventId, 2000 + random.nextInt(3000), "GBP")
                : random.nextBoolean()
                ? SampleEvents.event(id, eventId, "/mobile-backend", "bank.digital.login", Map.of("channel", "APP", "at", Instant.now().toString()))
                : SampleEvents.event(id, eventId, "/cards", "bank.transaction.posted", Map.of("accountId", "A-" + id,
                "amount", 5 + random.nextInt(200), "currency", "GBP", "direction", "DEBIT", "category", "CARD", "merchantCountry", "GB"));
    }

    /** How many of the onboarded customers consent on each channel, never who. */
    static String consentCounts(List<SampleEvents.Event> onboarding) {
        var ids = onboarding.stream().map(SampleEvents.Event::eventId).toList();
        return String.format(Locale.ROOT, "%d consent to SMS marketing, %d to push, %d to email",
                ids.stream().filter(i -> i.endsWith("-consent")).count(), ids.stream().filter(i -> i.endsWith("-consent-push")).count(),
                ids.stream().filter(i -> i.endsWith("-consent-email")).count());
    }

    /** The consumer groups' offsets, the run's summary and the progress lines. */
    private static final class Pipeline {
        private final Admin admin;
        private final LoadRun run;
        private final PrintStream out;
        private final long start;
        private long lastProgress;
        long maxLag;
        private long intakeLag;
        private long profilesLag;
        private long decisioningLag;

        Pipeline(Admin admin, LoadRun run, PrintStream out, long start) {
            this.admin = admin;
            this.run = run;
            this.out = out;
            this.start = start;
            this.lastProgress = start;
        }

        /** The run now, after reading the groups' committed offsets (and their lag). */
        LoadRun.Summary poll() throws Exception {
            var intake = committed("intake", Topics.BANK_EVENTS);
            var profiles = committed("profiles", Topics.EVENTS_ACCEPTED);
            var decisioning = committed("decisioning", Topics.EVENTS_PROFILED);
            intakeLag = lag(Topics.BANK_EVENTS, intake);
            profilesLag = lag(Topics.EVENTS_ACCEPTED, profiles);
            decisioningLag = lag(Topics.EVENTS_PROFILED, decisioning);
            maxLag = Math.max(maxLag, intakeLag + profilesLag + decisioningLag);
            return run.summary(decisioning, committed("journeys", Topics.JOURNEYS_TRIGGERED), committed("consent", Topics.EVENTS_ACCEPTED));
        }

        /** Polls for a progress line when the last is 5 s old. */
        void progressEvery5s() throws Exception {
            if (System.nanoTime() - lastProgress >= PROGRESS_NANOS) {
                progress(poll());
            }
        }

        void progressIfDue(LoadRun.Summary summary) {
            if (System.nanoTime() - lastProgress >= PROGRESS_NANOS) {
                progress(summary);
            }
        }

        void progress(LoadRun.Summary summary) {
            lastProgress = System.nanoTime();
            out.println(summary.progress((lastProgress - start) / 1e9, intakeLag, profilesLag, decisioningLag));
        }

        private Map<TopicPartition, Long> committed(String group, String topic) throws Exception {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }

        /** Records on the topic the group has not committed past, over every partition. */
        private long lag(String topic, Map<TopicPartition, Long> committed) throws Exception {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
                    .entrySet().stream().mapToLong(e -> e.getValue().offset() - committed.getOrDefault(e.getKey(), 0L)).sum();
        }
    }

    private static Admin admin(String bootstrap) {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }
}
