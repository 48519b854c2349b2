package io.beacon.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one triggered salary credit costs the services in calls to each other and in MongoDB commands, end to end: the
 * salary path's services run as {@code ./beacon up} runs them; {@code --customers N} customers who consented to SMS (at
 * midday in their time zone, so nothing waits for quiet hours) each get one salary credit, which starts a journey that
 * sends an SMS. Every service counts the requests it serves ({@code http.server.requests}) and the commands it sends to
 * MongoDB ({@code mongodb.driver.commands}); the benchmark reads both off {@code /actuator/metrics} before the credits and
 * after the last SMS was sent, subtracts what an equally long idle spell costs (schedulers, retention jobs), and divides
 * by the number of journeys. Only Beacon's own APIs count as calls ({@code /api/**}, {@code /internal/**}): the Twilio
 * simulator's receipts and the actuator are left out.
 *
 * <p>Options: {@code --customers N} (200). Command in the README ("Calls and reads per triggered event").
 */
public final class CallsPerEventBenchmark {

    private static final List<String> SERVICES = List.of("intake", "profiles", "consent", "decisioning", "journeys", "sms");
    private static final Set<String> READS = Set.of("find", "aggregate", "count", "countDocuments", "distinct", "getMore");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Benchmarks.onlyOptions(args, "--customers");
        int customers = Benchmarks.intOption(args, "--customers", 200);
        var servicePorts = new LinkedHashMap<String, Integer>();
        for (String service : SERVICES) {
            try (var socket = new java.net.ServerSocket(0)) {
                servicePorts.put(service, socket.getLocalPort());
            }
        }
        var properties = Map.of(
                "beacon.journeys.holdout-share", "0",
                "beacon.journeys.global-control-share", "0",
                "beacon.providers.twilio.status-callback", "http://127.0.0.1:" + servicePorts.get("sms") + "/webhooks/twilio/status",
                "resilience4j.ratelimiter.instances.twilio.limit-for-period", "100");
        Path data = Files.createTempDirectory("beacon-calls");
        try (var suite = BeaconSuite.start(LocalInfrastructure.freePorts(), servicePorts, data, List.of("-Dbeacon.mongo.backend=memory"), properties);
             var producer = new BankEventProducer(suite.infrastructure().kafkaBootstrap())) {
            String run = Long.toString(System.currentTimeMillis(), 36);
            var ids = new ArrayList<String>();
            var setup = new ArrayList<SampleEvents.Event>();
            for (int i = 0; i < customers; i++) {
                String customer = "K" + run + "-" + i;
                ids.add(customer);
                setup.add(SampleEvents.customerUpdated(customer, customer + "-profile", "Olive", LocalDate.of(1984, 3, 3), "GB", "en-GB",
                        zoneWhereItIsNow(12), "+4477010" + String.format("%05d", i), customer.toLowerCase() + "@example.com"));
                setup.add(SampleEvents.consent(customer, customer + "-consent", "sms", "GRANTED"));
            }
            producer.sendAll(setup);
            awaitOnboarded(suite, ids, Duration.ofMinutes(3));
            Thread.sleep(5_000); // the onboarding's own writes settle

            // what the services do on their own (schedulers, retention), over as long a spell as the journeys take below
            var idleStart = snapshot(suite);
            long idleFrom = System.nanoTime();

            var sent = ConcurrentHashMap.<String>newKeySet();
            var done = new AtomicBoolean();
            var follower = new Thread(() -> followSends(suite.infrastructure().kafkaBootstrap(), done, sent), "sends");
            follower.setDaemon(true);
            follower.start();
            Thread.sleep(15_000);
            var idleEnd = snapshot(suite);
            double idleSeconds = (System.nanoTime() - idleFrom) / 1e9;

            var before = snapshot(suite);
            long from = System.nanoTime();
            producer.sendAll(ids.stream().map(c -> SampleEvents.salary(c, "salary-" + c, 3000, "GBP")).toList());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!sent.containsAll(ids) && System.nanoTime() < deadline) {
                System.out.printf("\r%d of %d journeys sent their SMS", sent.size(), customers);
                Thread.sleep(500);
            }
            Thread.sleep(5_000); // receipts and the journeys' last steps
            var after = snapshot(suite);
            double seconds = (System.nanoTime() - from) / 1e9;
            done.set(true);
            int journeys = (int) ids.stream().filter(sent::contains).count();
            System.out.printf("\r%d of %d journeys sent their SMS in %.0f s%n%n", journeys, customers, seconds);
            if (journeys == 0) {
                throw new IllegalStateException("no journey sent its SMS: see the logs in " + suite.logDir());
            }
            report(Counts.between(before, after).less(Counts.between(idleStart, idleEnd), seconds / idleSeconds), journeys);
        }
    }

    /** Counts per service and key (an API path, or a MongoDB command and collection). */
    record Counts(Map<String, Map<String, Double>> http, Map<String, Map<String, Double>> mongo) {

        /** What was counted from one snapshot to a later one, key by key. */
        static Counts between(Counts earlier, Counts later) {
            return new Counts(delta(earlier.http, later.http), delta(earlier.mongo, later.mongo));
        }

        /** This delta less an idle delta, scaled to the same length. */
        Counts less(Counts idle, double scale) {
            return new Counts(less(http, idle.http, scale), less(mongo, idle.mongo, scale));
        }

        private static Map<String, Map<String, Double>> delta(Map<String, Map<String, Double>> earlier, Map<String, Map<String, Double>> later) {
            var result = new TreeMap<String, Map<String, Double>>();
            later.forEach((service, counts) -> counts.forEach((key, value) -> {
                double d = value - earlier.getOrDefault(service, Map.of()).getOrDefault(key, 0.0);
                result.computeIfAbsent(service, s -> new TreeMap<>()).put(key, d);
            }));
            return result;
        }

        private static Map<String, Map<String, Double>> less(Map<String, Map<String, Double>> counts, Map<String, Map<String, Double>> idle, double scale) {
            var result = new TreeMap<String, Map<String, Double>>();
            counts.forEach((service, byKey) -> byKey.forEach((key, value) -> {
                double d = value - scale * idle.getOrDefault(service, Map.of()).getOrDefault(key, 0.0);
                result.computeIfAbsent(service, s -> new TreeMap<>()).put(key, d);
            }));
            return result;
        }
    }

    private static void report(Counts delta, int journeys) {
        double calls = 0;
        double reads = 0;
        double writes = 0;
        System.out.println("HTTP calls served per journey (Beacon's APIs):");
        for (var service : delta.http().entrySet()) {
            for (var path : service.getValue().entrySet()) {
                double per = path.getValue() / journeys;
                if (per >= 0.05) {
                    System.out.printf("  %-12s %-60s %6.2f%n", service.getKey(), path.getKey(), per);
                    calls += per;
                }
            }
        }
        System.out.println("MongoDB commands per journey:");
        for (var service : delta.mongo().entrySet()) {
            for (var command : service.getValue().entrySet()) {
                double per = command.getValue() / journeys;
                if (per >= 0.05) {
                    boolean read = READS.contains(command.getKey().split(" ")[0]);
                    System.out.printf("  %-12s %-60s %6.2f %s%n", service.getKey(), command.getKey(), per, read ? "read" : "write");
                    if (read) {
                        reads += per;
                    } else {
                        writes += per;
                    }
                }
            }
        }
        System.out.printf("%nPer triggered salary event, end to end: %.1f HTTP calls between services, %.1f MongoDB reads, %.1f MongoDB writes%n",
                calls, reads, writes);
    }

    private static Counts snapshot(BeaconSuite suite) throws Exception {
        var http = new TreeMap<String, Map<String, Double>>();
        var mongo = new TreeMap<String, Map<String, Double>>();
        for (String service : SERVICES) {
            String base = suite.serviceUrl(service);
            var paths = new TreeMap<String, Double>();
            for (String uri : tagValues(base, "http.server.requests", "uri")) {
                if (uri.startsWith("/api/") || uri.startsWith("/internal/")) {
                    for (String method : tagValues(base, "http.server.requests?tag=uri:" + encode(uri), "method")) {
                        paths.put(method + " " + uri, count(base, "http.server.requests?tag=uri:" + encode(uri) + "&tag=method:" + method));
                    }
                }
            }
            http.put(service, paths);
            var commands = new TreeMap<String, Double>();
            for (String command : tagValues(base, "mongodb.driver.commands", "command")) {
                for (String collection : tagValues(base, "mongodb.driver.commands?tag=command:" + encode(command), "collection")) {
                    commands.put(command + " " + collection, count(base, "mongodb.driver.commands?tag=command:" + encode(command)
                            + "&tag=collection:" + encode(collection)));
                }
            }
            mongo.put(service, commands);
        }
        return new Counts(http, mongo);
    }

    private static List<String> tagValues(String base, String metric, String tag) throws Exception {
        JsonNode body = metric(base, metric);
        var values = new ArrayList<String>();
        for (JsonNode available : body.path("availableTags")) {
            if (tag.equals(available.path("tag").asText())) {
                available.path("values").forEach(v -> values.add(v.asText()));
            }
        }
        return values;
    }

    private static double count(String base, String metric) throws Exception {
        for (JsonNode measurement : metric(base, metric).path("measurements")) {
            if ("COUNT".equals(measurement.path("statistic").asText())) {
                return measurement.path("value").asDouble();
            }
        }
        return 0;
    }

    private static JsonNode metric(String base, String metric) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + metric))
                .header("Authorization", BeaconSuite.authorization()).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 404 ? Json.mapper().createObjectNode() : Json.mapper().readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void followSends(String bootstrap, AtomicBoolean done, Set<String> sent) {
        var props = new java.util.Properties();
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "calls-benchmark-" + System.nanoTime());
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(io.beacon.contracts.Topics.OFFERS));
            while (!done.get()) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    var outcome = io.beacon.contracts.BeaconEvents.data(io.beacon.contracts.BeaconEvents.deserialize(record.value()),
                            io.beacon.contracts.OfferOutcome.class);
                    if (outcome.type() == io.beacon.contracts.OutcomeType.SENT) {
                        sent.add(outcome.customerId());
                    }
                }
            }
        }
    }

    private static void awaitOnboarded(BeaconSuite suite, List<String> customers, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String customer : customers) {
            String check = suite.serviceUrl("consent") + "/api/consents/" + customer + "/check?channel=sms&purpose=marketing";
            String profile = suite.serviceUrl("profiles") + "/api/profiles/" + customer;
            while (!get(check).body().contains("\"allowed\":true") || get(profile).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("customer " + customer + " not onboarded within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", BeaconSuite.authorization()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String zoneWhereItIsNow(int hour) {
        int utcHour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(hour - utcHour + 12, 24) - 12;
        return ZoneOffset.ofHours(offset).getId().replace("Z", "+00:00");
    }
}
