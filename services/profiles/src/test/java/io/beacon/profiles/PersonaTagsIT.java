package io.beacon.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.Topics;
import io.beacon.testkit.LocalInfrastructure;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Accepted events through the real profiles consumer (embedded Kafka, the MongoDB stand-in) with the shipped tag
 * definitions: a stream of events produces a tag that holds now, one whose window has passed, and an absence tag.
 */
class PersonaTagsIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static LocalInfrastructure infra;
    private static ConfigurableApplicationContext profiles;

    @BeforeAll
    static void startProfiles() {
        infra = LocalInfrastructure.shared();
        var properties = new HashMap<String, Object>(infra.springProperties());
        properties.put("server.port", "0");
        properties.put("beacon.mongo.database", "profiles-tags-it-" + RUN);
        properties.put("beacon.profiles.rules-directory", Path.of("../../rules").toAbsolutePath().normalize().toString());
        profiles = new SpringApplicationBuilder(ProfilesApplication.class)
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (profiles != null) {
            profiles.close();
        }
    }

    @Test
    void anEventStreamProducesTagsThatHoldAndTagsThatHaveExpired() {
        Instant now = Instant.now();
        String recent = "TAGS-" + RUN + "-recent";
        String lapsed = "TAGS-" + RUN + "-lapsed";
        String quiet = "TAGS-" + RUN + "-quiet";
        try (var producer = new KafkaProducer<String, byte[]>(producerConfig())) {
            send(producer, recent, "e1", "bank.transaction.posted", salary(), now.minus(20, ChronoUnit.DAYS));
            send(producer, recent, "e2", "bank.transaction.posted", salary(), now.minus(10, ChronoUnit.DAYS));
            send(producer, recent, "e2", "bank.transaction.posted", salary(), now.minus(10, ChronoUnit.DAYS)); // redelivered
            send(producer, lapsed, "e1", "bank.transaction.posted", salary(), now.minus(80, ChronoUnit.DAYS));
            send(producer, lapsed, "e2", "bank.transaction.posted", salary(), now.minus(70, ChronoUnit.DAYS));
            send(producer, quiet, "e1", "bank.digital.login", Map.of("channel", "APP"), now.minus(62, ChronoUnit.DAYS));
            producer.flush();
        }

        Map<String, ProfiledEvent> last = new ConcurrentHashMap<>();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(consumerConfig())) {
            consumer.subscribe(List.of(Topics.EVENTS_PROFILED));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().startsWith("TAGS-" + RUN)) {
                        last.put(record.key(), BeaconEvents.data(BeaconEvents.deserialize(record.value()), ProfiledEvent.class));
                        seen.merge(record.key(), 1, Integer::sum);
                    }
                }
                return seen.getOrDefault(recent, 0) >= 3 && seen.getOrDefault(lapsed, 0) >= 2 && seen.containsKey(quiet);
            });
        }

        assertThat(last.get(recent).profile().personaTags()).contains("salaryCreditedTwiceIn60Days");
        assertThat(last.get(lapsed).profile().personaTags()).doesNotContain("salaryCreditedTwiceIn60Days");
        assertThat(last.get(quiet).profile().personaTags()).contains("noDigitalLoginFor60Days");

        try (var mongo = MongoClients.create(infra.mongoUri())) {
            var stored = mongo.getDatabase("profiles-tags-it-" + RUN).getCollection("profiles");
            Document lapsedSpan = stored.find(new Document("_id", lapsed)).first()
                    .get("personaTags", Document.class).get("salaryCreditedTwiceIn60Days", Document.class);
            // it held from the second salary until the first one's 60 days were over, 20 days ago: expired without a write
            assertThat(lapsedSpan.getDate("from").toInstant()).isEqualTo(now.minus(70, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS));
            assertThat(lapsedSpan.getDate("until").toInstant())
                    .isEqualTo(now.minus(80, ChronoUnit.DAYS).atZone(ZoneOffset.UTC).toLocalDate().plusDays(60).atStartOfDay(ZoneOffset.UTC).toInstant());
            Document recentDays = stored.find(new Document("_id", recent)).first().get("tagState", Document.class)
                    .get("salaryCreditedTwiceIn60Days", Document.class);
            // the redelivered salary was applied once
            assertThat(recentDays.getList("days", Document.class)).extracting(d -> d.getInteger("n")).containsExactly(1, 1);
        }
    }

    /**
     * A tag declared after its events were accepted: the back-fill reads them off the real broker's
     * {@code beacon.events.accepted} and makes the tag as the live upkeep would have; run again, it changes nothing.
     */
    @Test
    void aBackFillReadsTheRecordedEventsOffTheBrokerAndRebuildsTheTag() {
        Instant now = Instant.now();
        String customer = "TAGS-" + RUN + "-backfill";
        String tag = "salaryCreditedTwiceIn60Days";
        try (var producer = new KafkaProducer<String, byte[]>(producerConfig());
             var mongo = MongoClients.create(infra.mongoUri())) {
            send(producer, customer, "e1", "bank.transaction.posted", salary(), now.minus(30, ChronoUnit.DAYS));
            send(producer, customer, "e2", "bank.transaction.posted", salary(), now.minus(15, ChronoUnit.DAYS));
            producer.flush();
            var stored = mongo.getDatabase("profiles-tags-it-" + RUN).getCollection("profiles");
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                Document p = stored.find(new Document("_id", customer)).first();
                return p != null && p.get("personaTags", new Document()).containsKey(tag);
            });
            // as if the tag had been declared after both salaries: no state, no tag
            stored.updateOne(new Document("_id", customer), new Document("$unset", new Document("tagState." + tag, "").append("personaTags." + tag, "")));

            var api = org.springframework.web.client.RestClient.builder()
                    .baseUrl("http://127.0.0.1:" + profiles.getEnvironment().getProperty("local.server.port"))
                    .defaultHeaders(h -> h.setBasicAuth("console", "dev-console-password")).build();
            Map<?, ?> first = api.post().uri("/api/tags/{tag}/backfill", tag).retrieve().body(Map.class);
            assertThat(((Number) first.get("eventsRecorded")).longValue()).as("read off the broker").isGreaterThanOrEqualTo(2);
            assertThat(((Number) first.get("profilesChanged")).longValue()).isGreaterThanOrEqualTo(1);

            Document profile = stored.find(new Document("_id", customer)).first();
            assertThat(profile.get("personaTags", Document.class).get(tag, Document.class).getDate("from").toInstant())
                    .isEqualTo(now.minus(15, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS));
            assertThat(profile.get("tagState", Document.class).get(tag, Document.class).getList("days", Document.class))
                    .extracting(d -> d.getInteger("n")).containsExactly(1, 1);

            api.post().uri("/api/tags/{tag}/backfill", tag).retrieve().body(Map.class);
            Document again = stored.find(new Document("_id", customer)).first();
            assertThat(again.get("tagState", Document.class).get(tag, Document.class).getList("days", Document.class))
                    .as("a second back-fill counts nothing twice").extracting(d -> d.getInteger("n")).containsExactly(1, 1);
            assertThat(again.get("personaTags")).isEqualTo(profile.get("personaTags"));
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String customer, String id, String type, Object data, Instant at) {
        var event = CloudEventBuilder.v1(BeaconEvents.build(customer + "-" + id, "/bank/core", type, customer, data))
                .withTime(at.atOffset(ZoneOffset.UTC)).build();
        producer.send(new ProducerRecord<>(Topics.EVENTS_ACCEPTED, customer, BeaconEvents.serialize(event)));
    }

    private static Map<String, Object> salary() {
        return Map.of("accountId", "A-1", "amount", 2500, "currency", "GBP", "direction", "CREDIT", "category", "SALARY");
    }

    private static Properties producerConfig() {
        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    private static Properties consumerConfig() {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "persona-tags-it-" + RUN);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
