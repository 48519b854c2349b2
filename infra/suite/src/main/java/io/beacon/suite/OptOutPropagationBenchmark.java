package io.beacon.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Json;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.Topics;
import io.beacon.testkit.LocalInfrastructure;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How long an opt-out takes to be honoured, under load (issue 5: "from opt-out received to no further send under 5 s
 * at p99"). The embedded infrastructure and the services on the salary path (intake, profiles, consent, decisioning,
 * journeys, sms) run as {@code ./beacon up} runs them, while a background load of bank events is published at a fixed
 * rate: domestic card payments, which start nothing, and a share of salary credits, each a journey of its own (its
 * customer gave no consent, so it ends at the contact policy). First logins are left out on purpose: each background
 * customer's first would start a journey, a burst of a thousand that would measure Zeebe's backlog, not an opt-out. Then:
 * <ul>
 *   <li><b>waiting</b>: customers who consented to SMS and whose first-salary journey waits at its quiet-hours timer (their
 *   time zone is in the small hours) opt out one after another, in turn through the three doors: the SMS STOP webhook
 *   (signed as Twilio signs it), the app's preferences API, and a {@code bank.consent.changed} event on bank.events;</li>
 *   <li><b>in flight</b>: customers whose journey is about to send (their zone is at midday) opt out at a random moment
 *   after their offer was decided (TRIGGERED on beacon.offers), up to {@code --in-flight-delay-ms}, through the STOP
 *   webhook or the preferences API, racing the SMS.</li>
 * </ul>
 * For each opt-out it measures: the request until it is acknowledged (the HTTP answer; with the opt-out fence of ADR
 * 0014 this is the moment from which no message leaves); until the consent check the senders ask answers "not allowed";
 * until the journey ended (OPTED_OUT on beacon.offers, or the send SUPPRESSED with OPTED_OUT when the withdrawal came
 * before the journey reached its send). A {@code bank.consent.changed} has no acknowledgement a bank system sees: it is
 * measured from its publication. Last, every text the Twilio simulator received for an in-flight customer is compared
 * with the moment that customer's acknowledgement arrived: a text logged after it would be a breach.
 *
 * <p>Options: {@code --waiting N} (90), {@code --in-flight N} (60), {@code --background-rate R} events/s (100),
 * {@code --background-customers N} (1000), {@code --warmup S} seconds of background load before measuring (30),
 * {@code --gap-ms G} between two opt-outs (250), {@code --salary-per-mille S} of the background events that are salary
 * credits (10: 1 %), {@code --in-flight-delay-ms D} the longest wait between an in-flight offer's decision and its
 * opt-out (3000). Run from the repository root after
 * building the services' jars: see services/consent/README.md ("Opt-out propagation under load").
 */
public final class OptOutPropagationBenchmark {

    private static final List<String> SERVICES = List.of("intake", "profiles", "consent", "decisioning", "journeys", "sms");
    private static final String TWILIO_TOKEN = "benchmark-twilio-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What happened to one customer's opt-out; times from System.nanoTime, wall clock only to compare with the simulator. */
    private static final class OptOut {
        final String customer;
        final String phone;
        final String door;
        final boolean inFlight;
        volatile long requested;
        volatile long acknowledged;
        volatile long acknowledgedWallMillis;
        volatile long checkNotAllowed;
        volatile long journeyEnded;
        volatile String endedBy;
        /** Why the opt-out was not acknowledged (an error answer, a timeout); null when it was. */
        volatile String failed;

        OptOut(String customer, String phone, String door, boolean inFlight) {
            this.customer = customer;
            this.phone = phone;
            this.door = door;
            this.inFlight = inFlight;
        }

        /** The acknowledgement, or the publication for a Kafka opt-out (which has none a bank system sees). */
        long from() {
            return acknowledged > 0 ? acknowledged : requested;
        }
    }

    public static void main(String[] args) throws Exception {
        int waiting = Benchmarks.intOption(args, "--waiting", 90);
        int inFlight = Benchmarks.intOption(args, "--in-flight", 60);
        int backgroundRate = Benchmarks.intOption(args, "--background-rate", 100);
        int backgroundCustomers = Benchmarks.intOption(args, "--background-customers", 1000);
        int warmup = Benchmarks.intOption(args, "--warmup", 30);
        int gapMillis = Benchmarks.intOption(args, "--gap-ms", 250);
        int salaryPerMille = Benchmarks.intOption(args, "--salary-per-mille", 10);
        int inFlightDelayMillis = Benchmarks.intOption(args, "--in-flight-delay-ms", 3000);

        var servicePorts = new LinkedHashMap<String, Integer>();
        for (String service : SERVICES) {
            try (var socket = new java.net.ServerSocket(0)) {
                servicePorts.put(service, socket.getLocalPort());
            }
        }
        String smsUrl = "http://127.0.0.1:" + servicePorts.get("sms");
        String inboundUrl = smsUrl + "/webhooks/twilio/inbound";
        var properties = Map.of(
                "beacon.journeys.holdout-share", "0",
                "beacon.journeys.global-control-share", "0",
                "beacon.sms.inbound-webhook-url", inboundUrl,
                "beacon.providers.twilio.auth-token", TWILIO_TOKEN,
                "beacon.providers.twilio.status-callback", smsUrl + "/webhooks/twilio/status",
                // a short code's throughput rather than a long code's 1 message/s, so the in-flight sends are not all
                // queued behind the rate limiter (there they would be the "between check and call" case only)
                "resilience4j.ratelimiter.instances.twilio.limit-for-period", "30");
        System.out.printf("Load average before start: %s%n", loadAverage());
        Path data = Files.createTempDirectory("beacon-optout");
        long startedAt = System.nanoTime();
        try (var suite = BeaconSuite.start(LocalInfrastructure.freePorts(), servicePorts, data, List.of("-Dbeacon.mongo.backend=memory"), properties);
             var producer = new BankEventProducer(suite.infrastructure().kafkaBootstrap())) {
            System.out.printf("Suite up after %.0f s (%s), logs in %s%n", (System.nanoTime() - startedAt) / 1e9, String.join(", ", SERVICES), suite.logDir());
            var offers = new OffersListener(suite.infrastructure().kafkaBootstrap());
            offers.start();
            String run = Long.toString(System.currentTimeMillis(), 36);

            // the background load: its own customers, card payments and digital logins at a fixed rate, all through the run
            var onboarding = new ArrayList<SampleEvents.Event>();
            for (int c = 0; c < backgroundCustomers; c++) {
                String id = "B" + run + "-" + c;
                onboarding.add(SampleEvents.customerUpdated(id, id + "-profile", "Load", LocalDate.of(1980, 1, 1).plusDays(c % 5000),
                        "GB", "en-GB", "Europe/London", "+4477008" + String.format("%05d", c), "load" + c + "@example.com"));
            }
            producer.sendAll(onboarding);
            var background = new Background(producer, run, backgroundCustomers, backgroundRate, salaryPerMille);
            background.start();

            // the opting-out customers: consented to SMS; the waiting ones in the small hours, the in-flight ones at midday
            var optOuts = new ArrayList<OptOut>();
            var setup = new ArrayList<SampleEvents.Event>();
            String[] doors = {"stop", "preferences", "kafka"};
            for (int i = 0; i < waiting + inFlight; i++) {
                boolean flight = i >= waiting;
                String customer = (flight ? "F" : "W") + run + "-" + i;
                String phone = "+4477009" + String.format("%05d", i);
                String door = flight ? doors[i % 2] : doors[i % 3];
                optOuts.add(new OptOut(customer, phone, door, flight));
                setup.add(SampleEvents.customerUpdated(customer, customer + "-profile", "Olive", LocalDate.of(1984, 3, 3), "GB", "en-GB",
                        zoneWhereItIsNow(flight ? 12 : 2), phone, customer.toLowerCase() + "@example.com"));
                setup.add(SampleEvents.consent(customer, customer + "-consent", "sms", "GRANTED"));
            }
            producer.sendAll(setup);
            awaitAllowed(suite, optOuts, Duration.ofMinutes(3));

            System.out.printf("Background load at %d events/s; %d s warm-up...%n", backgroundRate, warmup);
            Thread.sleep(warmup * 1000L);
            String loadAtStart = loadAverage();

            // waiting: start their journeys, let them reach the quiet-hours timer, then opt out one by one
            List<OptOut> waitingOnes = optOuts.stream().filter(o -> !o.inFlight).toList();
            producer.sendAll(waitingOnes.stream().map(o -> SampleEvents.salary(o.customer, "salary-" + o.customer, 3000, "GBP")).toList());
            offers.awaitTriggered(waitingOnes.stream().map(o -> o.customer).toList(), Duration.ofMinutes(3));
            // the journey starts on the trigger, then runs suitability and the contact policy before its timer
            Thread.sleep(15_000);
            System.out.printf("%d journeys wait at their quiet-hours timer; opting out every %d ms...%n", waitingOnes.size(), gapMillis);
            var checkers = new ArrayList<Thread>();
            for (OptOut optOut : waitingOnes) {
                checkers.add(optOut(suite, producer, inboundUrl, optOut, run));
                Thread.sleep(gapMillis);
            }

            // in flight: start each journey and opt out at a random moment up to a second after its trigger
            List<OptOut> flying = optOuts.stream().filter(o -> o.inFlight).toList();
            System.out.printf("%d in-flight customers: opting out up to %d ms after each offer was decided...%n", flying.size(), inFlightDelayMillis);
            var random = new Random(3);
            for (OptOut optOut : flying) {
                producer.send(SampleEvents.salary(optOut.customer, "salary-" + optOut.customer, 3000, "GBP"));
                offers.awaitTriggered(List.of(optOut.customer), Duration.ofMinutes(2));
                Thread.sleep(random.nextInt(inFlightDelayMillis));
                checkers.add(optOut(suite, producer, inboundUrl, optOut, run));
                Thread.sleep(gapMillis);
            }
            for (Thread checker : checkers) {
                checker.join(60_000);
            }
            offers.awaitEnded(optOuts, Duration.ofSeconds(180));
            String loadAtEnd = loadAverage();
            background.stop();

            // every text the simulator took for an in-flight customer, against that customer's acknowledgement
            Map<String, List<Long>> texts = textsByNumber(suite.infrastructure().twilioUrl());
            int sentBefore = 0;
            var after = new ArrayList<String>();
            for (OptOut optOut : flying) {
                if (optOut.acknowledged == 0) {
                    continue; // never acknowledged: the customer is still opted in
                }
                for (long loggedAt : texts.getOrDefault(optOut.phone, List.of())) {
                    if (loggedAt > optOut.acknowledgedWallMillis) {
                        after.add(optOut.customer + " (" + (loggedAt - optOut.acknowledgedWallMillis) + " ms after)");
                    } else {
                        sentBefore++;
                    }
                }
            }
            long waitingTexts = waitingOnes.stream().mapToLong(o -> texts.getOrDefault(o.phone, List.of()).size()).sum();

            System.out.printf("%nOpt-out propagation, %d opt-outs (%d waiting journeys, %d in flight), background %d events/s with %.1f %% "
                            + "salary credits (%d published, %.0f/s achieved); load average at the first opt-out %s, after the last %s%n",
                    optOuts.size(), waitingOnes.size(), flying.size(), backgroundRate, salaryPerMille / 10.0, background.published.get(),
                    background.achievedRate(), loadAtStart, loadAtEnd);
            report("opt-out -> acknowledged (HTTP answer; no message leaves after it)", optOuts.stream().filter(o -> o.acknowledged > 0).toList(),
                    o -> o.acknowledged == 0 ? MISSING : o.acknowledged - o.requested);
            for (String door : List.of("stop", "preferences")) {
                report("  " + door + ": opt-out -> acknowledged", optOuts.stream().filter(o -> o.door.equals(door) && o.acknowledged > 0).toList(),
                        o -> o.acknowledged == 0 ? MISSING : o.acknowledged - o.requested);
            }
            report("acknowledged -> consent check answers not allowed", optOuts.stream().filter(o -> !o.door.equals("kafka")).toList(),
                    o -> o.checkNotAllowed == 0 ? MISSING : o.checkNotAllowed - o.from());
            report("kafka: bank.consent.changed published -> consent check answers not allowed",
                    optOuts.stream().filter(o -> o.door.equals("kafka")).toList(), o -> o.checkNotAllowed == 0 ? MISSING : o.checkNotAllowed - o.requested);
            report("opt-out -> journey ended (waiting journeys)", waitingOnes, o -> o.journeyEnded == 0 ? MISSING : o.journeyEnded - o.requested);
            report("opt-out -> journey ended (in flight)", flying, o -> o.journeyEnded == 0 ? MISSING : o.journeyEnded - o.requested);
            var failures = optOuts.stream().filter(o -> o.failed != null).map(o -> o.door + " " + o.customer + ": " + o.failed).toList();
            System.out.printf("opt-outs not acknowledged: %d%s%n", failures.size(), failures.isEmpty() ? "" : " " + failures);
            long notEnded = optOuts.stream().filter(o -> o.journeyEnded == 0).count();
            System.out.printf("journeys not seen ending: %d; ended by OPTED_OUT %d, by a SUPPRESSED send %d%n", notEnded,
                    optOuts.stream().filter(o -> "OPTED_OUT".equals(o.endedBy)).count(),
                    optOuts.stream().filter(o -> "SUPPRESSED".equals(o.endedBy)).count());
            System.out.printf("texts to in-flight customers: %d before their acknowledgement, %d after%s; texts to waiting customers: %d%n",
                    sentBefore, after.size(), after.isEmpty() ? "" : " " + after, waitingTexts);
            offers.stop();
            if (!after.isEmpty() || waitingTexts > 0) {
                System.exit(1);
            }
        }
    }

    /** Opts out through the customer's door, then follows the consent check on a thread of its own. */
    private static Thread optOut(BeaconSuite suite, BankEventProducer producer, String inboundUrl, OptOut optOut, String run) throws Exception {
        optOut.requested = System.nanoTime();
        try {
            send(suite, producer, inboundUrl, optOut, run);
        } catch (java.io.IOException e) {
            optOut.failed = e.getClass().getSimpleName();
            System.out.printf("  %s opt-out of %s failed: %s%n", optOut.door, optOut.customer, e);
        }
        return followCheck(suite, optOut);
    }

    private static void send(BeaconSuite suite, BankEventProducer producer, String inboundUrl, OptOut optOut, String run) throws Exception {
        switch (optOut.door) {
            case "stop" -> {
                var params = new TreeMap<String, String>();
                params.put("From", optOut.phone);
                params.put("To", "BEACONBANK");
                params.put("Body", "Stop");
                params.put("MessageSid", "SM" + run + optOut.customer.replaceAll("[^A-Za-z0-9]", ""));
                String form = String.join("&", params.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
                var response = HTTP.send(HttpRequest.newBuilder(URI.create(inboundUrl)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", twilioSignature(TWILIO_TOKEN, inboundUrl, params))
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                acknowledged(optOut, response);
            }
            case "preferences" -> {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create(suite.serviceUrl("consent") + "/api/preferences/" + optOut.customer))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", BeaconSuite.authorization()).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"marketing\":{\"sms\":false}}")).build(), HttpResponse.BodyHandlers.ofString());
                acknowledged(optOut, response);
            }
            default -> producer.send(SampleEvents.consent(optOut.customer, "optout-" + optOut.customer, "sms", "WITHDRAWN")).get();
        }
    }

    /** Asks the consent check the senders ask until it answers "not allowed", on a thread of its own. */
    private static Thread followCheck(BeaconSuite suite, OptOut optOut) {
        String check = suite.serviceUrl("consent") + "/api/consents/" + optOut.customer + "/check?channel=sms&purpose=marketing";
        Thread checker = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    String body = HTTP.send(HttpRequest.newBuilder(URI.create(check)).timeout(Duration.ofSeconds(10))
                                    .header("Authorization", BeaconSuite.authorization()).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    if (body.contains("\"allowed\":false")) {
                        optOut.checkNotAllowed = System.nanoTime();
                        return;
                    }
                    Thread.sleep(10);
                } catch (Exception e) {
                    // counted as not seen
                    return;
                }
            }
        }, "check-" + optOut.customer);
        checker.start();
        return checker;
    }

    private static void acknowledged(OptOut optOut, HttpResponse<String> response) {
        long at = System.nanoTime();
        long wall = System.currentTimeMillis();
        if (response.statusCode() != 200) {
            optOut.failed = "answered " + response.statusCode();
            System.out.printf("  %s opt-out of %s answered %d after %.0f ms: not acknowledged%n", optOut.door, optOut.customer,
                    response.statusCode(), (at - optOut.requested) / 1e6);
            return;
        }
        optOut.acknowledged = at;
        optOut.acknowledgedWallMillis = wall;
    }

    /** Twilio's X-Twilio-Signature of a webhook request: HMAC-SHA1 of the URL and the sorted parameters under the auth token. */
    static String twilioSignature(String authToken, String url, Map<String, String> params) throws Exception {
        var data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitAllowed(BeaconSuite suite, List<OptOut> optOuts, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (OptOut optOut : optOuts) {
            String check = suite.serviceUrl("consent") + "/api/consents/" + optOut.customer + "/check?channel=sms&purpose=marketing";
            String profile = suite.serviceUrl("profiles") + "/api/profiles/" + optOut.customer;
            while (!HTTP.send(HttpRequest.newBuilder(URI.create(check)).header("Authorization", BeaconSuite.authorization()).build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"allowed\":true")
                    || HTTP.send(HttpRequest.newBuilder(URI.create(profile)).header("Authorization", BeaconSuite.authorization()).build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("customer " + optOut.customer + " not onboarded within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    /** When the Twilio simulator logged each text, by number (wall clock, ms). */
    private static Map<String, List<Long>> textsByNumber(String twilioUrl) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(twilioUrl + "/__admin/requests?limit=100000")).build(),
                HttpResponse.BodyHandlers.ofString());
        var texts = new LinkedHashMap<String, List<Long>>();
        for (JsonNode served : Json.mapper().readTree(response.body()).path("requests")) {
            JsonNode request = served.path("request");
            if (!"POST".equals(request.path("method").asText()) || !request.path("url").asText().endsWith("/Messages.json")) {
                continue;
            }
            String to = null;
            for (String field : request.path("body").asText().split("&")) {
                if (field.startsWith("To=")) {
                    to = java.net.URLDecoder.decode(field.substring(3), StandardCharsets.UTF_8);
                }
            }
            long loggedAt = request.path("loggedDate").asLong();
            if (to != null) {
                texts.computeIfAbsent(to, k -> new ArrayList<>()).add(loggedAt);
            }
        }
        return texts;
    }

    /** Follows beacon.offers: when each customer's offer was decided, and when their journey ended. */
    private static final class OffersListener {

        private final String bootstrap;
        private final Map<String, Long> triggered = new ConcurrentHashMap<>();
        private final Map<String, long[]> ended = new ConcurrentHashMap<>();
        private final Map<String, String> endedBy = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        OffersListener(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        void start() {
            thread = new Thread(this::listen, "offers-listener");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }

        private void listen() {
            var props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "optout-benchmark-" + System.nanoTime());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (var consumer = new KafkaConsumer<String, byte[]>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.OFFERS));
                while (running.get()) {
                    for (var record : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        var outcome = BeaconEvents.data(BeaconEvents.deserialize(record.value()), OfferOutcome.class);
                        if (outcome.type() == OutcomeType.TRIGGERED) {
                            triggered.putIfAbsent(outcome.customerId(), now);
                        } else if (outcome.type() == OutcomeType.OPTED_OUT
                                || (outcome.type() == OutcomeType.SUPPRESSED && outcome.reason() == ReasonCode.OPTED_OUT)) {
                            if (ended.putIfAbsent(outcome.customerId(), new long[] {now}) == null) {
                                endedBy.put(outcome.customerId(), outcome.type().name());
                            }
                        }
                    }
                }
            }
        }

        void awaitTriggered(List<String> customers, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!triggered.keySet().containsAll(customers)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("offers not decided within " + timeout + ": "
                            + customers.stream().filter(c -> !triggered.containsKey(c)).limit(5).toList());
                }
                Thread.sleep(20);
            }
        }

        void awaitEnded(List<OptOut> optOuts, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !optOuts.stream().allMatch(o -> ended.containsKey(o.customer))) {
                Thread.sleep(100);
            }
            for (OptOut optOut : optOuts) {
                long[] at = ended.get(optOut.customer);
                if (at != null) {
                    optOut.journeyEnded = at[0];
                    optOut.endedBy = endedBy.get(optOut.customer);
                }
            }
        }
    }

    /** Card payments and a share of salary credits of the background customers, at a fixed rate, until stopped. */
    private static final class Background {

        private final BankEventProducer producer;
        private final String run;
        private final int customers;
        private final int rate;
        private final int salaryPerMille;
        final AtomicLong published = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private volatile long startedAt;
        private volatile long stoppedAt;

        Background(BankEventProducer producer, String run, int customers, int rate, int salaryPerMille) {
            this.producer = producer;
            this.run = run;
            this.customers = customers;
            this.rate = rate;
            this.salaryPerMille = salaryPerMille;
        }

        void start() {
            Thread thread = new Thread(() -> {
                var random = new Random(7);
                long interval = 1_000_000_000L / rate;
                startedAt = System.nanoTime();
                for (long n = 0; running.get(); n++) {
                    long wait = startedAt + n * interval - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    String id = "B" + run + "-" + random.nextInt(customers);
                    String eventId = "bg-" + run + "-" + n;
                    // most events start nothing (domestic card payments); a share are salary credits, each a journey that
                    // runs suitability and the contact policy (these customers gave no consent: SUPPRESSED NO_CONSENT)
                    producer.send(random.nextInt(1000) < salaryPerMille
                            ? SampleEvents.salary(id, eventId, 2000 + random.nextInt(3000), "GBP")
                            : SampleEvents.event(id, eventId, "/cards", "bank.transaction.posted", Map.of("accountId", "A-" + id,
                            "amount", 5 + random.nextInt(200), "currency", "GBP", "direction", "DEBIT", "category", "CARD", "merchantCountry", "GB")));
                    published.incrementAndGet();
                }
                stoppedAt = System.nanoTime();
            }, "background-load");
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        }

        double achievedRate() {
            return published.get() / ((stoppedAt - startedAt) / 1e9);
        }
    }

    /** Marks an opt-out whose end point was never seen. */
    private static final long MISSING = Long.MIN_VALUE;

    private static void report(String what, List<OptOut> optOuts, java.util.function.ToLongFunction<OptOut> nanos) {
        long[] sorted = optOuts.stream().mapToLong(nanos).filter(n -> n != MISSING).sorted().toArray();
        if (sorted.length == 0) {
            System.out.printf("%-80s n=0 of %d%n", what, optOuts.size());
            return;
        }
        System.out.printf("%-80s n=%d of %d: p50 %s, p95 %s, p99 %s, max %s%n", what, sorted.length, optOuts.size(), ms(Benchmarks.percentile(sorted, 50)),
                ms(Benchmarks.percentile(sorted, 95)), ms(Benchmarks.percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
    }

    private static String ms(long nanos) {
        return String.format("%.0f ms", nanos / 1e6);
    }

    /** A fixed-offset zone in which the local time now is about {@code hour}:00. */
    private static String zoneWhereItIsNow(int hour) {
        int utcHour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(hour - utcHour + 12, 24) - 12;
        return ZoneOffset.ofHours(offset).getId().replace("Z", "+00:00");
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private OptOutPropagationBenchmark() {
    }
}
