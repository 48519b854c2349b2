package io.beacon.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.sun.net.httpserver.HttpServer;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.client.api.response.Topology;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the whole local infrastructure in this JVM, on free ports, and talks to each piece as a service would. */
class LocalInfrastructureIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TWILIO_ACCOUNT = "AC00000000000000000000000000000001";
    private static final String TWILIO_TOKEN = "local-auth-token";

    @TempDir
    static Path dataDir;

    private static InfraSettings settings;
    private static LocalInfrastructure infrastructure;

    @BeforeAll
    static void startInfrastructure() throws IOException {
        Map<String, Integer> ports = freePorts();
        settings = new InfraSettings(ports, dataDir, InfraSettings.MongoBackendKind.H2, false);
        long begin = System.nanoTime();
        infrastructure = LocalInfrastructure.start(settings);
        System.out.printf("local infrastructure started in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
    }

    @AfterAll
    static void stopInfrastructure() {
        if (infrastructure != null) {
            infrastructure.close();
            assertThat(infrastructure.readyFile()).doesNotExist();
        }
    }

    @Test
    void writesEveryAddressToTheReadyFile() throws IOException {
        Properties ready = new Properties();
        try (var reader = Files.newBufferedReader(infrastructure.readyFile())) {
            ready.load(reader);
        }
        assertThat(ready.getProperty("kafka.bootstrap")).isEqualTo("127.0.0.1:" + port(InfraSettings.KAFKA));
        assertThat(ready.getProperty("zeebe.grpc")).isEqualTo("http://127.0.0.1:" + port(InfraSettings.ZEEBE));
        assertThat(ready.getProperty("mongo.uri")).isEqualTo("mongodb://127.0.0.1:" + port(InfraSettings.MONGO));
        assertThat(ready.getProperty("smtp.host")).isEqualTo("127.0.0.1");
        assertThat(ready.getProperty("smtp.port")).isEqualTo(String.valueOf(port(InfraSettings.SMTP)));
        assertThat(ready.getProperty("twilio.url")).isEqualTo(url(InfraSettings.TWILIO));
        assertThat(ready.getProperty("fcm.url")).isEqualTo(url(InfraSettings.FCM));
        assertThat(ready.getProperty("mail.url")).isEqualTo(url(InfraSettings.MAIL));
    }

    @Test
    void refusesToStartASecondTimeOnTheSamePortsNamingTheComponent() {
        assertThatThrownBy(() -> LocalInfrastructure.start(settings))
                .isInstanceOf(InfraStartupException.class)
                .hasMessageContaining("Cannot start kafka: port " + port(InfraSettings.KAFKA) + " is already in use");
        assertThat(infrastructure.readyFile()).exists();
    }

    @Test
    void refusesASecondInfrastructureOnTheSameDataDirectory() throws IOException {
        InfraSettings otherPorts = settings;
        for (var port : freePorts().entrySet()) {
            otherPorts = otherPorts.withPort(port.getKey(), port.getValue());
        }
        InfraSettings sameDataDir = otherPorts;

        assertThatThrownBy(() -> LocalInfrastructure.start(sameDataDir))
                .isInstanceOf(InfraStartupException.class)
                .hasMessageContaining("Data directory " + dataDir.toAbsolutePath() + " is in use by another Beacon infrastructure");
        assertThat(infrastructure.readyFile()).exists();
    }

    @Test
    void kafkaKeepsRecordsAcrossABrokerRestart() throws Exception {
        String key = "persisted-" + UUID.randomUUID();
        produce("beacon.offers", key, "offer-1");

        infrastructure.restart("kafka");

        assertThat(consume("beacon.offers", key)).isEqualTo("offer-1");
    }

    @Test
    void kafkaRoundTripsARecordThroughBankEvents() throws Exception {
        String bootstrap = "127.0.0.1:" + port(InfraSettings.KAFKA);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, TopicDescription> topics = admin.describeTopics(KafkaBroker.TOPICS).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics).hasSize(KafkaBroker.TOPICS.size());
            topics.values().forEach(topic -> assertThat(topic.partitions()).hasSize(3));
        }

        String key = "customer-" + UUID.randomUUID();
        produce("bank.events", key, "{\"type\":\"SalaryCredited\"}");

        assertThat(consume("bank.events", key)).isEqualTo("{\"type\":\"SalaryCredited\"}");
    }

    private static void produce(String topic, String key, String value) throws Exception {
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port(InfraSettings.KAFKA),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    /** The value of the record with this key, read with a new consumer group from the beginning. */
    private static String consume(String topic, String key) {
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port(InfraSettings.KAFKA),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (record.key().equals(key)) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("No record with key " + key + " on " + topic + " within 20 s");
    }

    @Test
    void zeebeGatewayAcceptsConnectionsAndRunsAProcess() throws IOException {
        int port = port(InfraSettings.ZEEBE);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            assertThat(socket.isConnected()).isTrue();
        }

        // The deprecated Zeebe client is here only because the engine brings it; services use camunda-client-java.
        // Going past the TCP check proves the engine runs on the Netty/gRPC/Spring versions this module settled on.
        try (ZeebeClient client = ZeebeClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:" + port))
                .usePlaintext()
                .preferRestOverGrpc(false)
                .build()) {
            Topology topology = client.newTopologyRequest().send().join(10, TimeUnit.SECONDS);
            assertThat(topology.getBrokers()).isNotEmpty();

            BpmnModelInstance process = Bpmn.createExecutableProcess("Process_LocalInfraSmoke")
                    .startEvent()
                    .scriptTask("Task_Greet", task -> task.zeebeExpression("\"hello \" + name").zeebeResultVariable("greeting"))
                    .endEvent()
                    .done();
            client.newDeployResourceCommand().addProcessModel(process, "local-infra-smoke.bpmn").send().join(10, TimeUnit.SECONDS);
            ProcessInstanceResult result = client.newCreateInstanceCommand()
                    .bpmnProcessId("Process_LocalInfraSmoke")
                    .latestVersion()
                    .variables(Map.of("name", "beacon"))
                    .withResult()
                    .send()
                    .join(10, TimeUnit.SECONDS);
            assertThat(result.getVariablesAsMap()).containsEntry("greeting", "hello beacon");
        }
    }

    @Test
    void movingTheEngineClockFiresATimerWithoutWaitingForIt() throws Exception {
        String clock = "http://127.0.0.1:" + port(InfraSettings.ZEEBE_CLOCK) + "/clock";
        try (ZeebeClient client = ZeebeClient.newClientBuilder().grpcAddress(URI.create("http://127.0.0.1:" + port(InfraSettings.ZEEBE)))
                .usePlaintext().preferRestOverGrpc(false).build()) {
            BpmnModelInstance process = Bpmn.createExecutableProcess("Process_ClockSmoke")
                    .startEvent()
                    .intermediateCatchEvent("Timer_OneDay", timer -> timer.timerWithDuration("P1D"))
                    .serviceTask("Task_AfterOneDay", task -> task.zeebeJobType("after-one-day"))
                    .endEvent()
                    .done();
            client.newDeployResourceCommand().addProcessModel(process, "clock-smoke.bpmn").send().join(10, TimeUnit.SECONDS);
            client.newCreateInstanceCommand().bpmnProcessId("Process_ClockSmoke").latestVersion().send().join(10, TimeUnit.SECONDS);
            Instant before = Instant.parse(JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(clock)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("now").asText());

            assertThat(activate(client, "after-one-day", Duration.ofSeconds(1))).isEmpty();
            HttpResponse<String> moved = HTTP.send(HttpRequest.newBuilder(URI.create(clock + "/add?duration=P1D"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(moved.statusCode()).isEqualTo(200);
            assertThat(Instant.parse(JSON.readTree(moved.body()).get("now").asText())).isAfterOrEqualTo(before.plus(Duration.ofDays(1)));
            // long polling: answers as soon as the timer's job exists
            assertThat(activate(client, "after-one-day", Duration.ofSeconds(10))).hasSize(1);
        }
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(clock + "/add?duration=tomorrow"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("ISO-8601 duration").contains("tomorrow");
    }

    @Test
    void restartingTheEngineLeavesANewEmptyOneOnTheSamePortWithTheSameClock() throws Exception {
        String base = "http://127.0.0.1:" + port(InfraSettings.ZEEBE_CLOCK);
        try (ZeebeClient client = ZeebeClient.newClientBuilder().grpcAddress(URI.create("http://127.0.0.1:" + port(InfraSettings.ZEEBE)))
                .usePlaintext().preferRestOverGrpc(false).build()) {
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("Process_RestartSmoke").startEvent()
                    .userTask("Task_Wait").endEvent().done(), "restart-smoke.bpmn").send().join(10, TimeUnit.SECONDS);
            client.newCreateInstanceCommand().bpmnProcessId("Process_RestartSmoke").latestVersion().send().join(10, TimeUnit.SECONDS);
            String addedBefore = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/clock")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("added").asText();

            HttpResponse<String> restarted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/engine/restart?down=PT1S"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(restarted.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(restarted.body()).get("added").asText()).isEqualTo(addedBefore);
            // the same client reconnects to the new engine, which knows nothing of the deployment
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.newCreateInstanceCommand().bpmnProcessId("Process_RestartSmoke")
                            .latestVersion().send().join(10, TimeUnit.SECONDS))
                    .hasMessageContaining("NOT_FOUND");
        }
        HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/engine/restart?down=soon"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(400);
    }

    private static List<ActivatedJob> activate(ZeebeClient client, String type, Duration longPoll) {
        return client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10).requestTimeout(longPoll)
                .send().join(20, TimeUnit.SECONDS).getJobs();
    }

    @Test
    void mongoKeepsDocumentsAcrossARestartWithTheH2Backend() throws Exception {
        String uri = "mongodb://127.0.0.1:" + port(InfraSettings.MONGO);
        String customerId = "C-" + UUID.randomUUID();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> profiles = client.getDatabase("beacon").getCollection("profiles");
            profiles.insertOne(new Document("_id", customerId).append("segment", "mass-affluent"));
            assertThat(profiles.find(Filters.eq("_id", customerId)).first()).containsEntry("segment", "mass-affluent");
        }

        infrastructure.restart("mongo");

        try (MongoClient client = MongoClients.create(uri)) {
            Document found = client.getDatabase("beacon").getCollection("profiles").find(Filters.eq("_id", customerId)).first();
            assertThat(found).isNotNull().containsEntry("segment", "mass-affluent");
        }
        assertThat(dataDir.resolve("mongo").resolve("beacon.mv")).exists();
    }

    @Test
    void mailSentOverSmtpShowsUpOnTheMailEndpoint() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port(InfraSettings.SMTP)));
        Session session = Session.getInstance(props);
        String subject = "Your term deposit matures soon " + UUID.randomUUID();
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("offers@beacon.bank", "Beacon Bank"));
        message.setRecipients(Message.RecipientType.TO, "ana@example.org");
        message.setSubject(subject, "UTF-8");
        message.setHeader("X-Beacon-Offer-Id", "offer-42");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Dear Ana, your deposit matures.", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Dear Ana, your deposit <b>matures</b>.</p>", "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        Transport.send(message, "any-user", "any-password");

        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url(InfraSettings.MAIL) + "/mail/messages")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode mail = findBySubject(JSON.readTree(response.body()), subject);
        assertThat(mail.path("from").asText()).isEqualTo("Beacon Bank <offers@beacon.bank>");
        assertThat(mail.path("to").get(0).asText()).isEqualTo("ana@example.org");
        assertThat(mail.path("headers").path("X-Beacon-Offer-Id").asText()).isEqualTo("offer-42");
        assertThat(mail.path("text").asText()).isEqualTo("Dear Ana, your deposit matures.");
        assertThat(mail.path("html").asText()).isEqualTo("<p>Dear Ana, your deposit <b>matures</b>.</p>");
    }

    @Test
    void twilioSimulatorAcceptsAMessageLikeTwilioAndCallsBackWithDeliveryStatus() throws Exception {
        BlockingQueue<Callback> callbacks = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/sms/status", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                callbacks.add(new Callback(parseForm(body), exchange.getRequestHeaders().getFirst("X-Twilio-Signature")));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try {
            String callbackUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/sms/status";
            HttpResponse<String> created = postTwilio(Map.of(
                    "To", "+447700900123",
                    "From", "+15005550006",
                    "Body", "Your rate is 4.1% \"fixed\"",
                    "StatusCallback", callbackUrl), true);

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            JsonNode message = JSON.readTree(created.body());
            String sid = message.path("sid").asText();
            assertThat(sid).matches("SM[0-9a-f]{32}");
            assertThat(message.path("account_sid").asText()).isEqualTo(TWILIO_ACCOUNT);
            assertThat(message.path("to").asText()).isEqualTo("+447700900123");
            assertThat(message.path("from").asText()).isEqualTo("+15005550006");
            assertThat(message.path("body").asText()).isEqualTo("Your rate is 4.1% \"fixed\"");
            assertThat(message.path("status").asText()).isEqualTo("queued");
            assertThat(message.path("num_segments").asText()).isEqualTo("1");
            assertThat(message.path("direction").asText()).isEqualTo("outbound-api");
            assertThat(message.path("api_version").asText()).isEqualTo("2010-04-01");
            assertThat(message.path("date_created").asText()).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
            assertThat(message.path("price").isNull()).isTrue();
            assertThat(message.path("error_code").isNull()).isTrue();
            assertThat(message.path("error_message").isNull()).isTrue();
            assertThat(message.path("uri").asText()).isEqualTo("/2010-04-01/Accounts/" + TWILIO_ACCOUNT + "/Messages/" + sid + ".json");

            Callback sent = callbacks.poll(5, TimeUnit.SECONDS);
            Callback delivered = callbacks.poll(5, TimeUnit.SECONDS);
            assertThat(sent).isNotNull();
            assertThat(delivered).isNotNull();
            assertThat(List.of(sent.form().get("MessageStatus"), delivered.form().get("MessageStatus")))
                    .containsExactlyInAnyOrder("sent", "delivered");
            assertThat(delivered.form()).containsEntry("MessageSid", sid).containsEntry("To", "+447700900123");
            assertThat(delivered.signature()).isEqualTo(TwilioStatusCallbacks.signature(TWILIO_TOKEN, callbackUrl, delivered.form()));
        } finally {
            receiver.stop(0);
        }

        HttpResponse<String> fetched = HTTP.send(HttpRequest.newBuilder(
                        URI.create(url(InfraSettings.TWILIO) + "/2010-04-01/Accounts/" + TWILIO_ACCOUNT + "/Messages/SMabc.json"))
                .header("Authorization", basicAuth()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fetched.body()).path("sid").asText()).isEqualTo("SMabc");
        assertThat(JSON.readTree(fetched.body()).path("status").asText()).isEqualTo("delivered");
    }

    @Test
    void twilioSimulatorRejectsANumberThatIsNotE164AndMissingCredentials() throws Exception {
        HttpResponse<String> invalid = postTwilio(Map.of("To", "07700 900123", "From", "+15005550006", "Body", "hi"), true);
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(invalid.body());
        assertThat(error.path("code").asInt()).isEqualTo(21211);
        assertThat(error.path("status").asInt()).isEqualTo(400);
        assertThat(error.path("message").asText()).isEqualTo("The 'To' number 07700 900123 is not a valid phone number.");
        assertThat(error.path("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/21211");

        HttpResponse<String> anonymous = postTwilio(Map.of("To", "+447700900123", "From", "+15005550006", "Body", "hi"), false);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("code").asInt()).isEqualTo(20003);

        HttpResponse<String> journal = HTTP.send(HttpRequest.newBuilder(URI.create(url(InfraSettings.TWILIO) + "/__admin/requests"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(journal.body()).contains("07700+900123");
    }

    @Test
    void fcmSimulatorAuthenticatesSendsAndReportsUnregisteredTokens() throws Exception {
        String send = url(InfraSettings.FCM) + "/v1/projects/beacon-local/messages:send";
        String payload = """
                {"message":{"token":"%s","notification":{"title":"A better rate","body":"Tap to see it"},"data":{"offerId":"offer-42"}}}""";

        HttpResponse<String> anonymous = postJson(send, payload.formatted("device-1"), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("error").path("status").asText()).isEqualTo("UNAUTHENTICATED");

        HttpResponse<String> accepted = postJson(send, payload.formatted("device-1"), "Bearer ya29.local");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(accepted.body()).path("name").asText()).startsWith("projects/beacon-local/messages/");

        HttpResponse<String> unregistered = postJson(send, payload.formatted("unregistered-token"), "Bearer ya29.local");
        assertThat(unregistered.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(unregistered.body()).path("error");
        assertThat(error.path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(error.path("details").get(0).path("errorCode").asText()).isEqualTo("UNREGISTERED");

        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(url(InfraSettings.FCM) + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        form(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", "eyJhbGciOiJSUzI1NiJ9.e30.sig"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(200);
        JsonNode grant = JSON.readTree(token.body());
        assertThat(grant.path("access_token").asText()).isNotBlank();
        assertThat(grant.path("expires_in").asInt()).isEqualTo(3599);
        assertThat(grant.path("token_type").asText()).isEqualTo("Bearer");
    }

    private record Callback(Map<String, String> form, String signature) {
    }

    private static HttpResponse<String> postTwilio(Map<String, String> fields, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(url(InfraSettings.TWILIO) + "/2010-04-01/Accounts/" + TWILIO_ACCOUNT + "/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (authenticated) {
            request.header("Authorization", basicAuth());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(String url, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((TWILIO_ACCOUNT + ":" + TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static JsonNode findBySubject(JsonNode messages, String subject) {
        for (JsonNode message : messages) {
            if (subject.equals(message.path("subject").asText())) {
                return message;
            }
        }
        throw new AssertionError("No mail with subject '" + subject + "' in " + messages);
    }

    private static int port(String component) {
        return settings.port(component);
    }

    private static String url(String component) {
        return "http://127.0.0.1:" + port(component);
    }

    /** A distinct free port per component: every socket stays open until all are chosen. */
    private static Map<String, Integer> freePorts() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        var sockets = new java.util.ArrayList<ServerSocket>();
        try {
            for (String component : InfraSettings.DEFAULT_PORTS.keySet()) {
                var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports.put(component, socket.getLocalPort());
            }
            return ports;
        } finally {
            for (var socket : sockets) {
                socket.close();
            }
        }
    }
}
