package io.beacon.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Json;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.Topics;
import io.beacon.testkit.LocalInfrastructure;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A complaint about a marketing email, through the real services (ADR 0034): the email goes out over SMTP to the
 * suite's GreenMail, the mailbox provider's feedback report (ARF) comes back over SMTP into the reports mailbox, the
 * email service reads it over IMAP, the consent service records the withdrawal and tells journeys, which end the
 * customer's running journey. Its own class: the email service is one JVM more than {@link SalaryOfferEndToEndIT}
 * needs, and neither SMS nor push nor the console is needed here.
 */
class EmailComplaintEndToEndIT {

    private static final List<String> SERVICES = List.of("intake", "profiles", "consent", "decisioning", "journeys", "email");
    /** The envelope sender of every offer email and the mailbox the email service reads (its default). */
    private static final String REPORTS_MAILBOX = "bounces@beacon-bank.example";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static BeaconSuite suite;
    private static BankEventProducer producer;
    private static final List<OfferOutcome> offers = new CopyOnWriteArrayList<>();
    private static volatile boolean listening = true;
    private static Thread listener;

    @BeforeAll
    static void startSuite() throws Exception {
        var servicePorts = new LinkedHashMap<String, Integer>();
        for (String service : SERVICES) {
            try (var socket = new ServerSocket(0)) {
                servicePorts.put(service, socket.getLocalPort());
            }
        }
        suite = BeaconSuite.start(LocalInfrastructure.freePorts(), servicePorts, Files.createTempDirectory("beacon-e2e-complaint"),
                List.of("-Dbeacon.mongo.backend=memory"),
                // nobody held out; the reports mailbox read every 2 s instead of 30
                Map.of("beacon.journeys.holdout-share", "0", "beacon.journeys.global-control-share", "0",
                        "beacon.email.reports.imap.interval", "2s"));
        producer = new BankEventProducer(suite.infrastructure().kafkaBootstrap());
        listener = new Thread(EmailComplaintEndToEndIT::listen, "e2e-complaint-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @AfterAll
    static void stopSuite() throws Exception {
        listening = false;
        if (listener != null) {
            listener.join(5_000);
        }
        if (producer != null) {
            producer.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    /**
     * term-deposit-renewal offers by email first (then push, then SMS). The customer consents to email marketing only.
     * After the first email the journey waits for the conversion; the complaint about that email ends it (OPTED_OUT),
     * and the customer's next maturing deposit starts a new journey whose email step is refused (OPTED_OUT): one email,
     * never a second.
     */
    @Test
    void aComplaintMidJourneyWithdrawsEmailMarketingAndStopsTheNextEmail() throws Exception {
        String customer = "E2E-COMPLAINT";
        String address = "e2e-complaint@example.com";
        producer.sendAll(List.of(
                SampleEvents.customerUpdated(customer, customer + "-profile", "Alexandrina", LocalDate.of(1984, 2, 29), "GB", "en-GB",
                        SalaryOfferEndToEndIT.zoneWhereItIsNow(12), "+447700900171", address),
                SampleEvents.consent(customer, customer + "-consent-email", "email", "GRANTED")));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                body(suite.serviceUrl("consent") + "/api/consents/" + customer + "/check?channel=email").contains("\"allowed\":true"));
        await().atMost(Duration.ofSeconds(60)).until(() -> status(suite.serviceUrl("profiles") + "/api/profiles/" + customer) == 200);

        producer.sendAll(List.of(maturing(customer, "e2e-deposit-maturing-1", "TD-E2E-1")));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(outcomesOf(customer)).anySatisfy(o -> {
            assertThat(o.type()).isEqualTo(OutcomeType.SENT);
            assertThat(o.channel()).isEqualTo("email");
            assertThat(o.journey()).isEqualTo("term-deposit-renewal");
        }));
        List<JsonNode> emails = mailTo(address);
        assertThat(emails).hasSize(1);
        String messageId = emails.getFirst().path("headers").path("Message-ID").asText();
        assertThat(messageId).startsWith("<").endsWith("@beacon-bank.example>");

        // the recipient marks it as spam; the mailbox provider's feedback loop reports it to the envelope sender
        complaintArrives("<arf-e2e-1@mailbox.example>", messageId, address);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(outcomesOf(customer)).anySatisfy(o -> {
                assertThat(o.type()).isEqualTo(OutcomeType.COMPLAINED);
                assertThat(o.channel()).isEqualTo("email");
                assertThat(o.journey()).isEqualTo("term-deposit-renewal");
            });
            assertThat(outcomesOf(customer)).anySatisfy(o -> {
                assertThat(o.type()).isEqualTo(OutcomeType.OPTED_OUT);
                assertThat(o.reason()).isEqualTo(ReasonCode.OPTED_OUT);
                assertThat(o.journey()).isEqualTo("term-deposit-renewal");
            });
        });
        JsonNode emailMarketing = Json.mapper().readTree(body(suite.serviceUrl("consent") + "/api/consents/" + customer))
                .path("email").path("marketing");
        assertThat(emailMarketing.path("granted").asBoolean(true)).as(emailMarketing.toString()).isFalse();
        assertThat(emailMarketing.path("source").asText()).isEqualTo("/email/complaint");
        assertThat(body(suite.serviceUrl("consent") + "/api/consents/" + customer + "/check?channel=email"))
                .contains("\"allowed\":false", "OPTED_OUT");

        // the next trigger for the same offer: a new journey (the first one ended, decisioning let its claim go), its
        // email step refused
        await().atMost(Duration.ofSeconds(30)).until(() -> runningJourneyClaims(customer) == 0);
        producer.sendAll(List.of(maturing(customer, "e2e-deposit-maturing-2", "TD-E2E-2")));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(outcomesOf(customer)).anySatisfy(o -> {
            assertThat(o.sourceEventId()).isEqualTo("e2e-deposit-maturing-2");
            assertThat(o.step()).isEqualTo("Task_RecordContactBlocked");
        }));
        assertThat(outcomesOf(customer)).filteredOn(o -> "e2e-deposit-maturing-2".equals(o.sourceEventId()))
                .filteredOn(o -> "Task_CheckContactPolicy".equals(o.step()))
                .extracting(o -> o.channel() + " " + o.type() + " " + o.reason())
                .containsExactlyInAnyOrder("email SUPPRESSED OPTED_OUT", "push SUPPRESSED NO_CONSENT", "sms SUPPRESSED NO_CONSENT");
        assertThat(outcomesOf(customer)).filteredOn(o -> o.type() == OutcomeType.SENT).hasSize(1);
        assertThat(mailTo(address)).as("one email, not a second").hasSize(1);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** A term deposit of the customer maturing in a week: term-deposit-renewal's trigger. */
    private static SampleEvents.Event maturing(String customer, String eventId, String depositId) {
        return SampleEvents.event(customer, eventId, "/core-banking", "bank.term-deposit.maturing", Map.of("depositId", depositId,
                "amount", 20000, "currency", "GBP", "maturityDate", LocalDate.now(ZoneOffset.UTC).plusDays(7).toString()));
    }

    /**
     * A feedback report (ARF, RFC 5965, Feedback-Type abuse) about the email with this Message-ID, as a mailbox
     * provider's feedback loop writes it, sent over SMTP to the reports mailbox.
     */
    private static void complaintArrives(String reportId, String originalMessageId, String recipient) throws Exception {
        String report = """
                From: Feedback Loop <fbl@mailbox.example>
                To: %s
                Subject: Email abuse report
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="=_arf_boundary"

                --=_arf_boundary
                Content-Type: text/plain; charset=us-ascii

                This is an email abuse report for an email message received from IP 192.0.2.1.

                --=_arf_boundary
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: ExampleFBL/1.0
                Version: 1
                Original-Mail-From: <%s>
                Arrival-Date: Sun, 6 Dec 2026 10:00:00 +0000

                --=_arf_boundary
                Content-Type: message/rfc822
                Content-Disposition: inline

                From: offers@beacon-bank.example
                To: %s
                Subject: Beacon Bank: our 12-month fixed-rate deposit is available for you
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                The offer text.

                --=_arf_boundary--
                """.formatted(REPORTS_MAILBOX, reportId, REPORTS_MAILBOX, recipient, originalMessageId).replace("\n", "\r\n");
        var properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(suite.infrastructure().port("smtp")));
        Session session = Session.getInstance(properties);
        var message = new MimeMessage(session, new ByteArrayInputStream(report.getBytes(StandardCharsets.US_ASCII)));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(REPORTS_MAILBOX)});
        }
    }

    /** The mail the suite's SMTP server received for this address. */
    private static List<JsonNode> mailTo(String address) throws Exception {
        var matches = new ArrayList<JsonNode>();
        for (JsonNode message : Json.mapper().readTree(body(suite.infrastructure().mailUrl() + "/mail/messages"))) {
            for (JsonNode to : message.path("to")) {
                if (to.asText().contains(address)) {
                    matches.add(message);
                }
            }
        }
        return matches;
    }

    /** Decisioning's claims of the customer's running journeys (ADR 0010): one while a journey runs, none once it ended. */
    private static long runningJourneyClaims(String customer) {
        try (var mongo = com.mongodb.client.MongoClients.create(suite.infrastructure().mongoUri())) {
            return mongo.getDatabase("beacon-decisioning").getCollection("running_journeys")
                    .countDocuments(com.mongodb.client.model.Filters.eq("customerId", customer));
        }
    }

    private static List<OfferOutcome> outcomesOf(String customer) {
        return offers.stream().filter(o -> customer.equals(o.customerId())).toList();
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", BeaconSuite.authorization()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String body(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", BeaconSuite.authorization()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void listen() {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.infrastructure().kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-complaint-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<String, byte[]>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.OFFERS));
            while (listening) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    offers.add(BeaconEvents.data(BeaconEvents.deserialize(record.value()), OfferOutcome.class));
                }
            }
        }
    }
}
