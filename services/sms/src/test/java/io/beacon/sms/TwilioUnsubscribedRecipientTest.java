package io.beacon.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mongodb.client.MongoDatabase;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.delivery.Channel;
import io.beacon.delivery.DeliveryDeferredException;
import io.beacon.delivery.DeliveryLedger.State;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.DeliveryResult;
import io.beacon.delivery.InMemoryMongo;
import io.beacon.delivery.SenderFixture;
import io.beacon.delivery.TestResilience;
import io.beacon.platform.ServiceApiTesting;
import io.beacon.platform.ServiceClients;
import io.beacon.platform.TestKeys;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Twilio's error 21610 on a send (the number replied STOP to Beacon's sender at Twilio, which refuses every text to it
 * since): the send ends FAILED {@code OPTED_OUT} without a retry, SMS marketing is withdrawn at consent once the send's
 * lease is given back, and the number counts as confirmed, so a STOP reaching the inbound webhook too gets no second
 * confirmation. WireMock plays Twilio, profiles and consent; the ledger, the opt-outs and the inbound messages are on the
 * MongoDB wire protocol in memory.
 */
class TwilioUnsubscribedRecipientTest {

    private static final String ACCOUNT = "ACtest00000000000000000000000000";
    private static final String TOKEN = "test-token";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    private static final String PHONE = "+447700900123";
    private static final String WEBHOOK = "https://sms.bank.example/webhooks/twilio/inbound";
    private static final String CONSENT = "/api/consents/" + SenderFixture.CUSTOMER;

    @RegisterExtension
    static SenderFixture fixture = SenderFixture.forChannel(Channel.SMS, PHONE);

    private static final InMemoryMongo mongo = new InMemoryMongo();
    private static final io.beacon.platform.ContactPointProtection PROTECTION = TestKeys.protection();

    private final DeliveryRequest request = fixture.salaryCreditedOffer();
    private WireMockServer http;
    private MongoDatabase database;
    private OptOutOnUnsubscribedRecipient sends;
    private MockMvc inbound;

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void wire() {
        http = fixture.http();
        database = mongo.freshDatabase();
        var optOuts = new SmsOptOuts(database, PROTECTION, Clock.systemUTC());
        var clients = new ServiceClients(fixture.account().username, fixture.account().password);
        ConsentApi consent = clients.api(ConsentApi.class, fixture.baseUrl(), Duration.ofSeconds(5));
        var twilioProperties = new TwilioProperties(fixture.baseUrl(), ACCOUNT, TOKEN, "BEACONBANK", null, Duration.ofSeconds(1), Duration.ofSeconds(2));
        var delivery = new SmsDelivery(fixture.consent(), fixture.profiles(), fixture.ledger(),
                new TwilioClient(fixture.restClient(), twilioProperties, TestResilience.guard("Twilio")),
                SmsText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", 3, SmsTextTest.NOV_22), fixture.outcomes(), Clock.systemUTC());
        sends = new OptOutOnUnsubscribedRecipient(delivery, consent, fixture.profiles(), optOuts);
        var sms = new SmsProperties("Beacon Bank", 3, Duration.ofMinutes(2), Duration.ofSeconds(30), 4, URI.create(WEBHOOK), "0800 000 0000");
        inbound = ServiceApiTesting.securedMockMvc(new InboundSmsController(twilioProperties, sms, ShippedKeywords.load(), optOuts,
                clients.api(ProfilesApi.class, fixture.baseUrl(), Duration.ofSeconds(5)), consent, database));

        consentAnswers(okJson("{}"));
        http.stubFor(post(urlEqualTo("/api/profiles/lookup")).withRequestBody(equalToJson("{\"phone\":\"" + PHONE + "\"}"))
                .willReturn(okJson("{\"customerIds\":[\"" + SenderFixture.CUSTOMER + "\"]}")));
        http.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\",\"status\":400}")));
    }

    @Test
    void a21610WithdrawsSmsMarketingAfterTheLeaseEndsTheSendRefusedAndIsNeverRetried() {
        DeliveryResult result = sends.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.failed(ReasonCode.OPTED_OUT, null));
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(fixture.outcomes().published).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(OutcomeType.FAILED);
            assertThat(outcome.reason()).isEqualTo(ReasonCode.OPTED_OUT);
            assertThat(outcome.detail()).contains("21610").doesNotContain(PHONE);
        });
        assertThat(fixture.ledger().find(request.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(State.FAILED));
        http.verify(1, putRequestedFor(urlEqualTo(CONSENT)).withBasicAuth(fixture.account())
                .withRequestBody(matchingJsonPath("$.channel", equalTo("sms")))
                .withRequestBody(matchingJsonPath("$.purpose", equalTo("marketing")))
                .withRequestBody(matchingJsonPath("$.status", equalTo("WITHDRAWN")))
                .withRequestBody(matchingJsonPath("$.source", equalTo("/sms/twilio-21610"))));
        // the withdrawal waits at consent for open send leases (ADR 0015): asked only once this send's lease is back
        assertThat(fixture.requestOrder()).containsSubsequence("POST " + SenderFixture.SEND_LEASES, "POST " + MESSAGES,
                "DELETE " + SenderFixture.SEND_LEASES + "/lease-1", "PUT " + CONSENT);
        Document optOut = database.getCollection(SmsOptOuts.COLLECTION).find().first();
        assertThat(optOut).isNotNull();
        assertThat(optOut.getString("_id")).isEqualTo(PROTECTION.blindIndex("phone", PHONE));
        assertThat(optOut.getString("source")).isEqualTo("twilio-21610");
        assertThat(optOut.toJson()).doesNotContain("900123");

        // the job redelivered (its completion lost): the ledger answers, Twilio is not asked again
        assertThat(sends.deliver(request)).isEqualTo(result);
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(fixture.outcomes().published).hasSize(1);
    }

    @Test
    void aStopReachingBeaconAfterThe21610IsHonouredButNotConfirmedAgain() throws Exception {
        sends.deliver(request);

        String answer = stop("SM-STOP-1", "STOP");

        assertThat(answer).doesNotContain("<Message>");
        http.verify(1, putRequestedFor(urlEqualTo(CONSENT)).withRequestBody(matchingJsonPath("$.source", equalTo("/sms/STOP"))));
    }

    @Test
    void a21610AfterAConfirmedStopSendsNothingMore() throws Exception {
        assertThat(stop("SM-STOP-2", "退订")).contains("<Message>");

        // a send planned before the STOP reached consent, refused by Twilio: the number was confirmed once, and stays so
        assertThat(sends.deliver(request)).isEqualTo(DeliveryResult.failed(ReasonCode.OPTED_OUT, null));
        assertThat(stop("SM-STOP-3", "TD")).doesNotContain("<Message>");
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(database.getCollection(SmsOptOuts.COLLECTION).find().first().getString("source")).isEqualTo("STOP");
    }

    @Test
    void consentUnreachableAfterA21610DefersTheJobAndItsRetryWithdrawsWithoutAskingTwilioAgain() {
        consentAnswers(aResponse().withStatus(503));

        assertThatThrownBy(() -> sends.deliver(request)).isInstanceOf(DeliveryDeferredException.class)
                .hasMessageContaining("refused by Twilio with 21610").hasMessageContaining("not yet withdrawn");
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));

        consentAnswers(okJson("{}"));
        assertThat(sends.deliver(request)).isEqualTo(DeliveryResult.failed(ReasonCode.OPTED_OUT, null));
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(fixture.outcomes().published).hasSize(1);
        assertThat(http.findAll(putRequestedFor(urlEqualTo(CONSENT))).getLast().getBodyAsString()).contains("WITHDRAWN", "/sms/twilio-21610");
    }

    private void consentAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        http.stubFor(put(urlEqualTo(CONSENT)).withBasicAuth(fixture.account().username, fixture.account().password).willReturn(answer));
    }

    /** A signed inbound text from the customer's number; the TwiML answer. */
    private String stop(String sid, String body) throws Exception {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", sid);
        params.put("AccountSid", ACCOUNT);
        params.put("From", PHONE);
        params.put("To", "BEACONBANK");
        params.put("Body", body);
        String form = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return inbound.perform(MockMvcRequestBuilders.post("/webhooks/twilio/inbound").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(form).header("X-Twilio-Signature", TwilioSignature.of(TOKEN, WEBHOOK, params)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
