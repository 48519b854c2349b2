package io.beacon.email;

import io.beacon.platform.UnsubscribeTokens;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.DeliveryDeferredException;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.DeliveryLedger.State;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.DeliveryResult;
import io.beacon.delivery.RecordingOutcomes;
import io.beacon.delivery.TestResilience;
import io.beacon.delivery.SenderFixture;
import io.beacon.delivery.Channel;
import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The email sender end to end minus Zeebe and Kafka: GreenMail is the SMTP relay, WireMock plays profiles and
 * consent, the ledger is the MongoDB wire protocol in memory, and outcomes are recorded instead of published.
 */
class EmailDeliveryComponentTest {

    private static final String SECRET = "test-secret-test-secret-test-secret";
    private static final String ADDRESS = "jane.doe@example.com";

    @RegisterExtension
    static SenderFixture fixture = SenderFixture.forChannel(Channel.EMAIL, ADDRESS);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final DeliveryRequest request = fixture.salaryCreditedOffer();
    private WireMockServer http;
    private RecordingOutcomes outcomes;
    private DeliveryLedger ledger;
    private EmailDelivery delivery;

    @BeforeEach
    void wireTheSender() {
        http = fixture.http();
        ledger = fixture.ledger();
        outcomes = fixture.outcomes();
        delivery = sender(smtp.getSmtp().getPort());
    }

    private EmailDelivery sender(int smtpPort) {
        return sender(smtpPort, null);
    }

    private EmailDelivery sender(int smtpPort, org.simplejavamail.utils.mail.dkim.DkimSigner dkim) {
        var mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtpPort);
        mail.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        mail.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        return new EmailDelivery(fixture.consent(), fixture.profiles(), ledger,
                new SmtpSender(mail, "offers@bank.example", "bank.example", TestResilience.guard("SMTP"), dkim),
                EmailText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", URI.create("https://bank.example/unsubscribe"), URI.create("https://bank.example/profiling"),
                        new UnsubscribeTokens(SECRET), null, EmailTextTest.NOV_22),
                outcomes, Clock.systemUTC());
    }

    @Test
    void sendsAnEmailWithTextAndHtmlPartsAndOneClickUnsubscribeHeaders() throws Exception {
        DeliveryResult result = delivery.deliver(request);

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.SENT);
        MimeMessage received = smtp.getReceivedMessages()[0];
        String unsubscribe = "https://bank.example/unsubscribe/" + new UnsubscribeTokens(SECRET).tokenFor("C-1001") + "?lang=en";
        assertThat(received.getHeader("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
        assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(received.getMessageID()).isEqualTo(result.providerMessageId()).endsWith("@bank.example>");
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly(ADDRESS);
        assertThat(received.getSubject()).isEqualTo("Beacon Bank: our 12-month fixed-rate deposit is available for you");
        assertThat(received.getContentType()).startsWith("multipart/alternative");

        Map<String, String> parts = parts(received);
        assertThat(parts).containsOnlyKeys("text/plain", "text/html");
        assertThat(parts.get("text/plain")).contains("Hi Jane", "1 Example Street, London EC2A 1AA", unsubscribe);
        assertThat(parts.get("text/html")).contains("<a href=\"" + unsubscribe + "\">Unsubscribe</a>", "1 Example Street");

        assertThat(outcomes.published).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(OutcomeType.SENT);
            assertThat(outcome.channel()).isEqualTo("email");
            assertThat(outcome.step()).isEqualTo("Task_SendEmailOffer");
            assertThat(outcome.journeyInstance()).isEqualTo("2251799813685249");
        });
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(State.SENT));
    }

    @Test
    void signsWithDkimOverTheOneClickHeadersAndTheSignatureVerifies(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var keys = generator.generateKeyPair();
        var keyFile = dir.resolve("dkim.pem");
        java.nio.file.Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        var settings = new DkimSettings(true, "bank.example", "beacon", keyFile);

        assertThat(sender(smtp.getSmtp().getPort(), settings.signer()).deliver(request).status()).isEqualTo(DeliveryResult.Status.SENT);

        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(received.getHeader("DKIM-Signature")).singleElement().asString()
                .contains("d=bank.example", "s=beacon", "a=rsa-sha256", "c=relaxed/relaxed");
        String raw = com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(received);
        Map<String, String> tags = DkimVerifier.verify(raw, keys.getPublic());
        assertThatThrownBy(() -> DkimVerifier.verify(raw.replace("Subject: Beacon Bank", "Subject: Beacon Bonk"), keys.getPublic()))
                .as("a changed subject breaks the signature").isInstanceOf(AssertionError.class);
        assertThat(tags.get("h").toLowerCase()).contains("from", "subject", "list-unsubscribe", "list-unsubscribe-post", "message-id");
        // the bank's identity and postal address in both parts, still
        Map<String, String> parts = parts(received);
        assertThat(parts.get("text/plain")).contains("Beacon Bank", "1 Example Street, London EC2A 1AA");
        assertThat(parts.get("text/html")).contains("Beacon Bank", "1 Example Street, London EC2A 1AA");
        assertThat(received.getMessageID()).endsWith("@bank.example>");
    }

    @Test
    void refusesToStartWithDkimEnabledButNoKey() {
        var settings = new DkimSettings(true, "bank.example", "beacon", null);
        assertThat(settings.isComplete()).isFalse();
        assertThatThrownBy(() -> new DkimSettings(true, "bank.example", "beacon", java.nio.file.Path.of("/nonexistent/dkim.pem")).signer())
                .hasMessageContaining("/nonexistent/dkim.pem cannot be read");
    }

    @Test
    void theEmailAsReceivedOffersToRefuseProfilingInEveryLanguage() throws Exception {
        String token = new UnsubscribeTokens(SECRET).profilingRefusal().tokenFor("C-1001");
        Map<String, String> words = Map.of("en-GB", "Stop using my data to choose offers", "zh-CN", "停止使用我的个人信息挑选优惠",
                "es-ES", "No usar mis datos para elegir ofertas");
        int n = 0;
        for (var language : words.entrySet()) {
            fixture.profileIs(Map.of("firstName", "Jane", "language", language.getKey()));
            n++;
            var send = new io.beacon.delivery.DeliveryRequest(Channel.EMAIL, "C-1001", "TERM_DEPOSIT_12M", "SalaryCredited",
                    "journey_salary_credited", "22517998136852" + n, "Task_SendEmailOffer", "evt-lang-" + n, "dec-" + n);
            assertThat(delivery.deliver(send).status()).isEqualTo(DeliveryResult.Status.SENT);

            // as GreenMail received it: both parts carry the link, the HTML one with the layout's words in the language
            Map<String, String> parts = parts(smtp.getReceivedMessages()[n - 1]);
            // the page speaks the template's language: en, zh-CN, es
            String link = "https://bank.example/profiling/" + token + "?lang=" + Map.of("en-GB", "en", "zh-CN", "zh-CN", "es-ES", "es").get(language.getKey());
            assertThat(parts.get("text/plain")).as(language.getKey()).contains(link);
            assertThat(parts.get("text/html")).as(language.getKey()).contains("<a href=\"" + link + "\">" + words.get(language.getKey()) + "</a>");
        }
    }

    @Test
    void sendsOnceWhenTheSameJobIsDeliveredTwice() {
        DeliveryResult first = delivery.deliver(request);
        DeliveryResult second = delivery.deliver(request);

        assertThat(second).isEqualTo(first);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(outcomes.published).hasSize(1);
    }

    @Test
    void suppressesWithoutSendingWhenConsentWasWithdrawnBeforeTheSend() {
        consentIs("{\"allowed\":false,\"reason\":\"NO_CONSENT\"}");

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.suppressed(ReasonCode.NO_CONSENT));
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(outcomes.published).extracting(OfferOutcome::reason).containsExactly(ReasonCode.NO_CONSENT);
    }

    @Test
    void theSmtpSendRunsInsideASendLeaseAndAWithdrawalBeforeItStopsTheEmail() {
        assertThat(delivery.deliver(request).status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(fixture.requestOrder()).filteredOn(r -> r.contains("send-leases"))
                .containsExactly("POST " + SenderFixture.SEND_LEASES, "DELETE " + SenderFixture.SEND_LEASES + "/lease-1");

        // ADR 0015: withdrawn after the first check, refused at the lease taken right before the relay is called
        var next = new io.beacon.delivery.DeliveryRequest(Channel.EMAIL, "C-1001", "TERM_DEPOSIT_12M", "SalaryCredited",
                "journey_salary_credited", "2251799813685250", "Task_SendEmailOffer", "evt-0002", "dec-0002");
        fixture.withdrawnBeforeTheCall("OPTED_OUT");
        assertThat(delivery.deliver(next)).isEqualTo(DeliveryResult.suppressed(ReasonCode.OPTED_OUT));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(ledger.find(next.idempotencyKey())).hasValueSatisfying(entry ->
                assertThat(entry.state()).isEqualTo(io.beacon.delivery.DeliveryLedger.State.SUPPRESSED));
    }

    @Test
    void suppressesWhenTheCustomerHasNoEmailAddress() {
        http.stubFor(get("/internal/profiles/C-1001/contact-points").willReturn(okJson("{\"customerId\":\"C-1001\",\"phone\":\"+447700900123\"}")));

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.suppressed(ReasonCode.NO_CONTACT_POINT));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void failsAnAddressThatDoesNotParseWithoutSending() {
        http.stubFor(get("/internal/profiles/C-1001/contact-points").willReturn(okJson("{\"customerId\":\"C-1001\",\"email\":\"jane at example\"}")));

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.failed(ReasonCode.INVALID_CONTACT_POINT, null));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void defersTheJobWhenTheRelayIsDownAndSendsOnceItIsBack() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EmailDelivery relayDown = sender(closedPort);

        assertThatThrownBy(() -> relayDown.deliver(request))
                .isInstanceOf(DeliveryDeferredException.class)
                .hasMessageContaining("SMTP unavailable");
        assertThat(outcomes.published).isEmpty();
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(State.PENDING));

        assertThat(delivery.deliver(request).status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void completesASendTheRelayAcceptedBeforeTheWorkerStoppedWithoutSendingAgain() {
        ledger.claim(request, "j***@example.com");
        ledger.recordAccepted(request.idempotencyKey(), "<abc@bank.example>", "accepted");

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sent("<abc@bank.example>"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT);
    }

    private void consentIs(String json) {
        fixture.consentIs(json);
    }

    private static Map<String, String> parts(MimeMessage message) throws Exception {
        var parts = new LinkedHashMap<String, String>();
        collect((Multipart) message.getContent(), parts);
        return parts;
    }

    private static void collect(Multipart multipart, Map<String, String> parts) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                collect(nested, parts);
            } else {
                parts.put(part.getContentType().split(";")[0].trim().toLowerCase(), part.getContent().toString());
            }
        }
    }
}
