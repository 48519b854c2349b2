package io.beacon.email;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.Channel;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.DeliveryResult;
import io.beacon.delivery.Receipts;
import io.beacon.delivery.RecordingOutcomes;
import io.beacon.delivery.SenderFixture;
import io.beacon.delivery.TestResilience;
import io.beacon.email.ReportJournal.Outcome;
import io.beacon.platform.UnsubscribeTokens;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Bounces and complaints through the real pieces (ADR 0034): GreenMail is the relay (SMTP) and the reports mailbox
 * (IMAP), report mails reach it over SMTP as a receiving system would send them, the mailbox is read over IMAP; WireMock
 * plays profiles and consent; the ledger and the report journal are MongoDB's wire protocol in memory.
 */
class BouncesAndComplaintsTest {

    private static final String ADDRESS = "jane.doe@example.com";
    private static final String BLIND_INDEX = "blind-index-of-jane";
    private static final String WEBHOOK_SECRET = "webhook-secret-webhook-secret-webhook-1";

    @RegisterExtension
    static SenderFixture fixture = SenderFixture.forChannel(Channel.EMAIL, ADDRESS);

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    private RecordingOutcomes outcomes;
    private EmailDelivery delivery;
    private ReportJournal journal;
    private SentEmails sent;
    private ReportMailbox mailbox;
    private DeliveryReportHandling handling;
    private int sends;

    @BeforeEach
    void wire() {
        mail.setUser(ReportMails.BOUNCES, ReportMails.BOUNCES, "bounces-password");
        fixture.profileJson(Map.of("customerId", SenderFixture.CUSTOMER, "firstName", "Jane", "language", "en-GB", "email", ADDRESS,
                "contactTokens", Map.of("email", BLIND_INDEX)));
        var relay = new JavaMailSenderImpl();
        relay.setHost("127.0.0.1");
        relay.setPort(mail.getSmtp().getPort());
        outcomes = fixture.outcomes();
        var database = fixture.database();
        var undeliverable = new UndeliverableAddresses(database);
        sent = new SentEmails(database);
        sent.ensureIndexes();
        journal = new ReportJournal(database);
        delivery = new EmailDelivery(fixture.consent(), fixture.profiles(), fixture.ledger(),
                new SmtpSender(relay, "offers@bank.example", "bank.example", TestResilience.guard("SMTP"), null),
                EmailText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", URI.create("https://bank.example/unsubscribe"),
                        URI.create("https://bank.example/profiling"), new UnsubscribeTokens("test-secret-test-secret-test-secret"), null,
                        EmailTextTest.NOV_22),
                undeliverable, outcomes, Clock.systemUTC());
        handling = new DeliveryReportHandling(sent, undeliverable, journal, fixture.ledger(), fixture.profiles(), fixture.consentApi(),
                new Receipts(fixture.ledger(), outcomes, Clock.systemUTC()), delivery, 2, Clock.systemUTC());
        mailbox = new ReportMailbox(new ReportSettings.Imap(true, "127.0.0.1", mail.getImap().getPort(), ReportMails.BOUNCES, "bounces-password",
                "INBOX", "Unreadable", Duration.ofSeconds(30)), handling);
    }

    private DeliveryRequest nextEmailOfTheJourney() {
        sends++;
        return new DeliveryRequest(Channel.EMAIL, SenderFixture.CUSTOMER, "TERM_DEPOSIT_12M", "SalaryCredited", "journey_salary_credited",
                "2251799813685249", "Task_SendEmailOffer" + sends, "evt-0001", "dec-0001");
    }

    /** A receiving system returns a report to the envelope sender's mailbox, over SMTP, as written. */
    private void reportArrives(String raw) throws Exception {
        var properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(ReportMails.parse(raw), new InternetAddress[] {new InternetAddress(ReportMails.BOUNCES)});
        }
    }

    private long mailTo(String address) throws Exception {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    private int messagesIn(String folder) throws Exception {
        var properties = new Properties();
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect("127.0.0.1", mail.getImap().getPort(), ReportMails.BOUNCES, "bounces-password");
            Folder f = store.getFolder(folder);
            return f.exists() ? f.getMessageCount() : 0;
        }
    }

    private Document journalOf(String reportId) {
        return fixture.database().getCollection(ReportJournal.COLLECTION).find(new Document("_id", reportId)).first();
    }

    @Test
    void aHardBounceMakesTheAddressUndeliverableAndTheNextEmailIsRefusedWithItsReason() throws Exception {
        DeliveryResult first = delivery.deliver(nextEmailOfTheJourney());
        reportArrives(ReportMails.dsn("<dsn-hard@mx.example.com>", first.providerMessageId(), ADDRESS, "failed", "5.1.1"));

        assertThat(mailbox.poll()).isEqualTo(1);

        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT, OutcomeType.BOUNCED);
        assertThat(outcomes.published.get(1).reason()).isEqualTo(ReasonCode.EMAIL_HARD_BOUNCE);
        assertThat(outcomes.published.get(1).step()).isEqualTo("Task_SendEmailOffer1");
        assertThat(messagesIn("INBOX")).as("a handled report leaves the mailbox").isZero();
        assertThat(journalOf("<dsn-hard@mx.example.com>").getString("outcome")).isEqualTo("HARD_BOUNCE");

        DeliveryResult next = delivery.deliver(nextEmailOfTheJourney());
        assertThat(next).isEqualTo(DeliveryResult.failed(ReasonCode.EMAIL_UNDELIVERABLE, null));
        assertThat(outcomes.published.getLast().detail()).contains("bounced for good", "5.1.1");
        assertThat(mailTo(ADDRESS)).as("nothing more sent to the address").isEqualTo(1);
    }

    @Test
    void aComplaintMidJourneyWithdrawsEmailMarketingAndTheNextEmailIsNotSent() throws Exception {
        // consent as the service behaves: once the complaint's withdrawal is recorded, every send lease is refused
        fixture.http().stubFor(put(urlPathEqualTo("/api/consents/" + SenderFixture.CUSTOMER)).inScenario("consent").willSetStateTo("withdrawn")
                .willReturn(okJson("{\"_id\":\"C-1001\"}")));
        fixture.http().stubFor(post(urlPathEqualTo(SenderFixture.SEND_LEASES)).inScenario("consent").whenScenarioStateIs("withdrawn")
                .willReturn(okJson("{\"allowed\":false,\"reason\":\"OPTED_OUT\"}")));
        DeliveryResult first = delivery.deliver(nextEmailOfTheJourney());
        reportArrives(ReportMails.arf("<arf-1@mailbox.example>", first.providerMessageId(), "abuse"));

        assertThat(mailbox.poll()).isEqualTo(1);

        fixture.http().verify(1, putRequestedFor(urlPathEqualTo("/api/consents/" + SenderFixture.CUSTOMER)).withRequestBody(equalToJson(
                "{\"channel\":\"email\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\",\"source\":\"/email/complaint\"}", true, true)));
        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT, OutcomeType.COMPLAINED);

        assertThat(delivery.deliver(nextEmailOfTheJourney())).isEqualTo(DeliveryResult.suppressed(ReasonCode.OPTED_OUT));
        assertThat(mailTo(ADDRESS)).isEqualTo(1);

        var reputation = new EmailReputation(sent, new ReportSettings.Reputation(Duration.ofDays(7), 0.02, 0.05, 0.001, 0.003), Clock.systemUTC())
                .of("smtp");
        assertThat(reputation.sent()).isEqualTo(1);
        assertThat(reputation.complained()).isEqualTo(1);
        assertThat(reputation.status()).as("one complaint in one email is far past 0.3 %").isEqualTo("LIMIT");
    }

    @Test
    void softBouncesAreSentAgainUpToTheLimitThenTheMessageIsGivenUpButNotTheAddress() throws Exception {
        DeliveryResult first = delivery.deliver(nextEmailOfTheJourney());
        for (int n = 1; n <= 3; n++) {
            reportArrives(ReportMails.dsn("<dsn-soft-" + n + "@mx.example.com>", first.providerMessageId(), ADDRESS, "failed", "4.2.2"));
            mailbox.poll();
        }
        // the same report read again (a mailbox that kept it) counts once
        reportArrives(ReportMails.dsn("<dsn-soft-1@mx.example.com>", first.providerMessageId(), ADDRESS, "failed", "4.2.2"));
        mailbox.poll();

        assertThat(mailTo(ADDRESS)).as("the first send and two resends, the same message").isEqualTo(3);
        assertThat(Arrays.stream(mail.getReceivedMessages()).map(m -> {
            try {
                return m.getMessageID();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).distinct()).containsExactly(first.providerMessageId());
        assertThat(journalOf("<dsn-soft-1@mx.example.com>").getString("outcome")).isEqualTo("SOFT_BOUNCE_RESENT");
        assertThat(journalOf("<dsn-soft-3@mx.example.com>").getString("outcome")).isEqualTo("SOFT_BOUNCE_LIMIT");
        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT, OutcomeType.BOUNCED);
        assertThat(outcomes.published.getLast().reason()).isEqualTo(ReasonCode.EMAIL_SOFT_BOUNCE_LIMIT);

        assertThat(delivery.deliver(nextEmailOfTheJourney()).status()).as("the address itself stays deliverable").isEqualTo(DeliveryResult.Status.SENT);
    }

    @Test
    void malformedReportsAreMovedToTheUnreadableFolderRecordedAndChangeNothing() throws Exception {
        DeliveryResult first = delivery.deliver(nextEmailOfTheJourney());
        reportArrives("From: someone@example.com\r\nTo: bounces@bank.example\r\nMessage-ID: <plain@example.com>\r\nSubject: hi\r\n\r\nnot a report\r\n");
        reportArrives(ReportMails.dsn("<dsn-no-id@mx.example.com>", first.providerMessageId(), ADDRESS, "failed", "5.1.1")
                .replace("Message-ID: " + first.providerMessageId(), "X-Lost: header"));

        assertThat(mailbox.poll()).isEqualTo(2);

        assertThat(messagesIn("INBOX")).isZero();
        assertThat(messagesIn("Unreadable")).as("kept for a person, not deleted").isEqualTo(2);
        assertThat(journalOf("<plain@example.com>").getString("outcome")).isEqualTo("UNREADABLE");
        assertThat(journalOf("<plain@example.com>").getString("detail")).contains("not a report: text/plain instead of multipart/report");
        assertThat(journalOf("<dsn-no-id@mx.example.com>").getString("detail")).contains("no original message headers with a Message-ID");
        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT);
        assertThat(delivery.deliver(nextEmailOfTheJourney()).status()).isEqualTo(DeliveryResult.Status.SENT);
    }

    @Test
    void aBounceForAMessageBeaconDidNotSendIsRecordedAndChangesNothing() throws Exception {
        reportArrives(ReportMails.dsn("<dsn-stranger@mx.example.com>", "<not-ours@elsewhere.example>", ADDRESS, "failed", "5.1.1"));

        assertThat(mailbox.poll()).isEqualTo(1);

        assertThat(journalOf("<dsn-stranger@mx.example.com>").getString("outcome")).isEqualTo("UNKNOWN_MESSAGE");
        assertThat(outcomes.published).isEmpty();
        assertThat(delivery.deliver(nextEmailOfTheJourney()).status()).isEqualTo(DeliveryResult.Status.SENT);
    }

    @Test
    void aReportStaysInTheMailboxWhenConsentCannotBeReachedAndIsHandledAtTheNextPass() throws Exception {
        DeliveryResult first = delivery.deliver(nextEmailOfTheJourney());
        fixture.http().stubFor(put(urlPathEqualTo("/api/consents/" + SenderFixture.CUSTOMER))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable()));
        reportArrives(ReportMails.arf("<arf-later@mailbox.example>", first.providerMessageId(), "abuse"));

        assertThat(mailbox.poll()).isZero();
        assertThat(messagesIn("INBOX")).isEqualTo(1);
        assertThat(journalOf("<arf-later@mailbox.example>")).isNull();

        fixture.http().stubFor(put(urlPathEqualTo("/api/consents/" + SenderFixture.CUSTOMER)).willReturn(okJson("{\"_id\":\"C-1001\"}")));
        assertThat(mailbox.poll()).isEqualTo(1);
        assertThat(journalOf("<arf-later@mailbox.example>").getString("outcome")).isEqualTo("COMPLAINT");
    }

    @Test
    void theWebhookRefusesForgedCallsAndActsOnSignedOnes() throws Exception {
        var settings = new ReportSettings(2, null, new ReportSettings.Webhook(WEBHOOK_SECRET, Duration.ofMinutes(5)), null);
        var webhook = new ReportWebhookController(handling, journal, settings, Clock.systemUTC());
        // through the service's own filter chain: the path is public, the signature is its authentication
        MockMvc mvc = io.beacon.platform.ServiceApiTesting.securedMockMvc(webhook);
        fixture.http().stubFor(put(urlPathEqualTo("/api/consents/" + SenderFixture.CUSTOMER)).willReturn(okJson("{\"_id\":\"C-1001\"}")));
        DeliveryResult first = delivery.deliver(nextEmailOfTheJourney());
        byte[] complaint = ReportMails.arf("<arf-hook@mailbox.example>", first.providerMessageId(), "abuse").getBytes(StandardCharsets.UTF_8);
        String now = String.valueOf(System.currentTimeMillis() / 1000);
        var forger = new ReportWebhookController(handling, journal,
                new ReportSettings(2, null, new ReportSettings.Webhook("not-the-secret-not-the-secret-not-the", Duration.ofMinutes(5)), null),
                Clock.systemUTC());
        String stale = String.valueOf(System.currentTimeMillis() / 1000 - 3600);

        mvc.perform(MockMvcRequestBuilders.post("/webhooks/delivery-reports").contentType("message/rfc822").content(complaint))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("unsigned")));
        mvc.perform(MockMvcRequestBuilders.post("/webhooks/delivery-reports").contentType("message/rfc822").content(complaint)
                        .header(ReportWebhookController.TIMESTAMP, now).header(ReportWebhookController.SIGNATURE, "v1=" + forger.sign(now, complaint)))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("does not match")));
        mvc.perform(MockMvcRequestBuilders.post("/webhooks/delivery-reports").contentType("message/rfc822").content(complaint)
                        .header(ReportWebhookController.TIMESTAMP, stale).header(ReportWebhookController.SIGNATURE, "v1=" + webhook.sign(stale, complaint)))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("tolerance")));

        fixture.http().verify(0, putRequestedFor(urlPathEqualTo("/api/consents/" + SenderFixture.CUSTOMER)));
        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT);
        assertThat(fixture.database().getCollection(ReportJournal.COLLECTION).countDocuments(new Document("outcome", "FORGED"))).isEqualTo(3);

        mvc.perform(MockMvcRequestBuilders.post("/webhooks/delivery-reports").contentType("message/rfc822").content(complaint)
                        .header(ReportWebhookController.TIMESTAMP, now).header(ReportWebhookController.SIGNATURE, "v1=" + webhook.sign(now, complaint)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("COMPLAINT"));
        fixture.http().verify(1, putRequestedFor(urlPathEqualTo("/api/consents/" + SenderFixture.CUSTOMER)));
        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT, OutcomeType.COMPLAINED);

        byte[] garbled = "Content-Type: multipart/report; report-type=feedback-report\r\n\r\nno parts".getBytes(StandardCharsets.UTF_8);
        mvc.perform(MockMvcRequestBuilders.post("/webhooks/delivery-reports").contentType("message/rfc822").content(garbled)
                        .header(ReportWebhookController.TIMESTAMP, now).header(ReportWebhookController.SIGNATURE, "v1=" + webhook.sign(now, garbled)))
                .andExpect(status().isUnprocessableContent());
        Document kept = fixture.database().getCollection(ReportJournal.COLLECTION).find(new Document("outcome", "UNREADABLE")).first();
        assertThat(kept.get("raw", org.bson.types.Binary.class).getData()).as("an unreadable report is kept").isEqualTo(garbled);
    }
}
