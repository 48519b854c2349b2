package io.beacon.suite;

import java.util.Arrays;

/**
 * What the suite's benchmarks share: their {@code --name value} options, nearest-rank percentiles, and the journey
 * catalogue a benchmark of decisioning alone announces in the journeys service's place.
 */
final class Benchmarks {

    private Benchmarks() {
    }

    /**
     * Announces the journey {@code first-salary} (trigger SalaryCredited) on beacon.journeys.catalogue as the journeys
     * service would once it deployed it: decisioning is healthy only once it knows a journey, and a benchmark of
     * decisioning alone runs no journeys service (its engine work would share the two cores). Waits in the background
     * for the broker and the topic, as the suite starts them.
     */
    static void announceJourneysOnceTheBrokerIsUp(String bootstrap) {
        Thread announcer = new Thread(() -> {
            var props = new java.util.Properties();
            props.put(org.apache.kafka.clients.CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
                    if (admin.listTopics().names().get(5, java.util.concurrent.TimeUnit.SECONDS).contains(io.beacon.contracts.Topics.JOURNEYS_CATALOGUE)) {
                        break;
                    }
                } catch (Exception notYet) {
                    // the broker is not up yet
                }
                sleep(1_000);
            }
            var journey = new io.beacon.contracts.JourneyDeployed("first-salary", 1, "attract", java.util.List.of("SalaryCredited"),
                    "first-salary.bpmn", java.time.Instant.now(), 0.0);
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(props,
                    new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(io.beacon.contracts.Topics.JOURNEYS_CATALOGUE, journey.journey(),
                        io.beacon.contracts.BeaconEvents.serialize(io.beacon.contracts.BeaconEvents.build("benchmark-first-salary", "/benchmark",
                                "beacon.journey.deployed", journey.journey(), journey)))).get();
            } catch (Exception e) {
                throw new IllegalStateException("could not announce the journey catalogue on " + bootstrap, e);
            }
        }, "journey-catalogue-announcer");
        announcer.setDaemon(true);
        announcer.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /** A salary credited at a new amount (it triggers SalaryCredited), for a customer born on the day given. */
    static io.beacon.contracts.ProfiledEvent salaryChange(String eventId, String customer, java.util.Random random, String birthDate)
            throws Exception {
        int previous = 2000 + random.nextInt(2000);
        var data = io.beacon.contracts.Json.mapper().readTree("{\"accountId\":\"A-" + customer + "\",\"amount\":" + (previous + 100)
                + ",\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"SALARY\"}");
        return new io.beacon.contracts.ProfiledEvent(eventId, "/core-banking", "bank.transaction.posted", data, profile(customer, birthDate,
                ",\"salary\":{\"amount\":" + (previous + 100) + ",\"previousAmount\":" + previous + ",\"currency\":\"GBP\"}"));
    }

    /** A card payment at home: it triggers nothing. */
    static io.beacon.contracts.ProfiledEvent cardPayment(String eventId, String customer, java.util.Random random) throws Exception {
        var data = io.beacon.contracts.Json.mapper().readTree("{\"accountId\":\"A-" + customer + "\",\"amount\":" + (5 + random.nextInt(200))
                + ",\"currency\":\"GBP\",\"direction\":\"DEBIT\",\"category\":\"CARD\",\"merchantCountry\":\"GB\"}");
        return new io.beacon.contracts.ProfiledEvent(eventId, "/cards", "bank.transaction.posted", data, profile(customer, "1985-05-05", ""));
    }

    private static io.beacon.contracts.ProfileSnapshot profile(String customer, String birthDate, String extra) throws Exception {
        return io.beacon.contracts.Json.mapper().treeToValue(io.beacon.contracts.Json.mapper().readTree("{\"customerId\":\"" + customer
                + "\",\"birthDate\":\"" + birthDate + "\",\"country\":\"GB\",\"timeZone\":\"Europe/London\",\"contactChannels\":[\"sms\"]"
                + extra + "}"), io.beacon.contracts.ProfileSnapshot.class);
    }

    static org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer(String bootstrap) {
        var props = new java.util.Properties();
        props.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        props.put(org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, 2);
        return new org.apache.kafka.clients.producer.KafkaProducer<>(props, new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    static org.apache.kafka.clients.admin.Admin admin(String bootstrap) {
        var props = new java.util.Properties();
        props.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return org.apache.kafka.clients.admin.Admin.create(props);
    }

    /** The offsets decisioning has committed on beacon.events.profiled, summed: how many events it has decided. */
    static long committed(org.apache.kafka.clients.admin.Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets("decisioning").partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(io.beacon.contracts.Topics.EVENTS_PROFILED) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** A decision read from beacon.offers: the event it decided, when it was read (nanoTime) and sent (the record's time). */
    interface Decided {
        void read(String sourceEventId, long readAtNanos, long sentAtMillis);
    }

    /**
     * Reads the decisions (TRIGGERED and SUPPRESSED outcomes) on beacon.offers, each handed to {@code each}, until
     * {@code done}; with a group of its own, from the start of the topic or only what comes next.
     */
    static void followDecisions(String bootstrap, boolean fromStart, java.util.concurrent.atomic.AtomicBoolean done, Decided each) {
        var props = new java.util.Properties();
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + System.nanoTime());
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromStart ? "earliest" : "latest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(java.util.List.of(io.beacon.contracts.Topics.OFFERS));
            while (!done.get()) {
                for (var record : consumer.poll(java.time.Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    var outcome = io.beacon.contracts.BeaconEvents.data(io.beacon.contracts.BeaconEvents.deserialize(record.value()),
                            io.beacon.contracts.OfferOutcome.class);
                    if (outcome.type() == io.beacon.contracts.OutcomeType.TRIGGERED || outcome.type() == io.beacon.contracts.OutcomeType.SUPPRESSED) {
                        each.read(outcome.sourceEventId(), now, record.timestamp());
                    }
                }
            }
        }
    }
}
