package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.ServiceApiTesting;
import io.beacon.platform.ServiceClients;
import io.beacon.delivery.InMemoryMongo;
import io.beacon.platform.LogLines;
import io.beacon.platform.Masking;
import io.beacon.platform.TestKeys;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.util.List;
import org.bson.Document;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

class InboundSmsWebhookTest {

    private static final String TOKEN = "dev-token";
    private static final BasicCredentials SMS = new BasicCredentials("sms", ServiceApiTesting.developmentPassword("sms"));
    private static final String WEBHOOK = "https://sms.bank.example/webhooks/twilio/inbound";

    @RegisterExtension
    static WireMockExtension services = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** The deployment's blind-index key, shared by every sms instance. */
    private static final io.beacon.platform.ContactPointProtection PROTECTION = TestKeys.protection();

    private InMemoryMongo mongo;
    private MongoDatabase database;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        database = mongo.freshDatabase();
        mvc = instance();
        services.stubFor(post(urlEqualTo("/api/profiles/lookup")).withBasicAuth(SMS.username, SMS.password)
                .withRequestBody(equalToJson("{\"phone\":\"+447700900123\"}"))
                .willReturn(okJson("{\"customerIds\":[\"C-1\",\"C-2\"]}")));
        services.stubFor(put(urlEqualTo("/api/consents/C-1")).withBasicAuth(SMS.username, SMS.password).willReturn(okJson("{}")));
        services.stubFor(put(urlEqualTo("/api/consents/C-2")).withBasicAuth(SMS.username, SMS.password).willReturn(okJson("{}")));
    }

    /** One sms instance: its own controller and clients on the shared MongoDB database, as a second instance or a restart has. */
    private MockMvc instance() {
        var twilio = new TwilioProperties(URI.create("http://127.0.0.1:1"), "ACtest", TOKEN, "BEACON", null, Duration.ofSeconds(1), Duration.ofSeconds(1));
        var sms = new SmsProperties("Beacon Bank", 3, Duration.ofMinutes(2), Duration.ofSeconds(30), 4, URI.create(WEBHOOK), "0800 000 0000");
        // profiles and consent are called with sms's own account, as SmsConfiguration does
        var http = new ServiceClients(SMS.username, SMS.password);
        URI base = URI.create(services.baseUrl());
        // through sms's own filter chain: Twilio sends no Beacon account, its signature is the check
        return ServiceApiTesting.securedMockMvc(new InboundSmsController(twilio, sms, ShippedKeywords.load(),
                new SmsOptOuts(database, PROTECTION, Clock.systemUTC()), http.api(ProfilesApi.class, base, Duration.ofSeconds(2)),
                http.api(ConsentApi.class, base, Duration.ofSeconds(2)), database));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void stopWithPunctuationWithdrawsSmsMarketingForEveryCustomerOfTheNumberAndConfirmsOnce() throws Exception {
        send(inbound("SM1", " Stop! "), true)
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<Message>Beacon Bank: you will get no more marketing texts")));

        services.verify(1, putRequestedFor(urlEqualTo("/api/consents/C-1"))
                .withBasicAuth(SMS)
                .withRequestBody(matchingJsonPath("$.status", containing("WITHDRAWN")))
                .withRequestBody(matchingJsonPath("$.channel", containing("sms"))));
        services.verify(1, putRequestedFor(urlEqualTo("/api/consents/C-2")));
    }

    @Test
    void twilioRetryOfTheSameStopGetsNoSecondConfirmation() throws Exception {
        send(inbound("SM2", "STOP"), true).andExpect(content().string(Matchers.containsString("<Message>")));

        send(inbound("SM2", "STOP"), true)
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("<Message>"))));
        services.verify(1, putRequestedFor(urlEqualTo("/api/consents/C-1")));
    }

    @Test
    void badSignatureIsRefusedWithAnAuditLineAndChangesNothing() throws Exception {
        var audit = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.beacon.sms.audit");
        var lines = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        lines.start();
        audit.addAppender(lines);
        try {
            send(inbound("SM3", "STOP"), false)
                    .andExpect(status().isForbidden())
                    .andExpect(content().string("invalid X-Twilio-Signature"));
        } finally {
            audit.detachAppender(lines);
        }

        services.verify(0, postRequestedFor(urlEqualTo("/api/profiles/lookup")));
        services.verify(0, putRequestedFor(urlEqualTo("/api/consents/C-1")));
        assertThat(lines.list).singleElement().satisfies(line ->
                assertThat(line.getFormattedMessage()).isEqualTo("inbound SMS webhook refused: invalid signature"));
        // the message is not remembered either: the same SID correctly signed is handled as new
        send(inbound("SM3", "STOP"), true).andExpect(content().string(Matchers.containsString("<Message>")));
    }

    @Test
    void helpGetsAHelpReplyWithNoMarketingAndChangesNothing() throws Exception {
        send(inbound("SM4", "help"), true)
                .andExpect(content().string(Matchers.containsString("Reply STOP to opt out")))
                .andExpect(content().string(Matchers.containsString("0800 000 0000")));

        services.verify(0, putRequestedFor(urlEqualTo("/api/consents/C-1")));
    }

    @Test
    void startOptsTheNumberBackIn() throws Exception {
        send(inbound("SM5", "START"), true).andExpect(status().isOk());

        services.verify(1, putRequestedFor(urlEqualTo("/api/consents/C-1")).withRequestBody(matchingJsonPath("$.status", containing("GRANTED"))));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"退订", "TD", " td ", "T", "取消"})
    void aChineseOptOutWithdrawsSmsMarketingAsStopDoesAndIsConfirmedInChinese(String body) throws Exception {
        var response = send(inbound("SM20", body), true).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/xml;charset=UTF-8")).andReturn().getResponse();

        assertThat(twimlMessage(response.getContentAsByteArray())).isEqualTo("【Beacon Bank】您已退订营销短信，我们不会再向您发送。如需重新订阅，请回复“订阅”。");
        // the very change an English STOP records: consent then ends the running journeys as for any withdrawal
        String keyword = SHIPPED_KEYWORD.get(body.trim());
        for (String customer : List.of("C-1", "C-2")) {
            services.verify(1, putRequestedFor(urlEqualTo("/api/consents/" + customer)).withBasicAuth(SMS)
                    .withRequestBody(equalToJson("{\"channel\":\"sms\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\","
                            + "\"source\":\"/sms/STOP\",\"reason\":\"replied " + keyword + " (zh-CN)\"}")));
        }
    }

    private static final Map<String, String> SHIPPED_KEYWORD = Map.of("退订", "退订", "TD", "TD", "td", "TD", "T", "T", "取消", "取消");

    @Test
    void englishStopRecordsTheSameChangeWithItsOwnWord() throws Exception {
        send(inbound("SM21", "stop"), true).andExpect(status().isOk());

        services.verify(1, putRequestedFor(urlEqualTo("/api/consents/C-1")).withRequestBody(equalToJson(
                "{\"channel\":\"sms\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\",\"source\":\"/sms/STOP\",\"reason\":\"replied STOP (en)\"}")));
    }

    @Test
    void spanishBajaWithdrawsAndIsConfirmedInSpanishInValidTwiml() throws Exception {
        var response = send(inbound("SM22", "Baja."), true).andExpect(status().isOk()).andReturn().getResponse();

        assertThat(twimlMessage(response.getContentAsByteArray()))
                .isEqualTo("Beacon Bank: no recibirá más mensajes de marketing nuestros. Responda INICIAR para volver a recibirlos.");
        services.verify(1, putRequestedFor(urlEqualTo("/api/consents/C-1")).withRequestBody(matchingJsonPath("$.status", equalTo("WITHDRAWN")))
                .withRequestBody(matchingJsonPath("$.reason", equalTo("replied BAJA (es)"))));
        services.verify(1, putRequestedFor(urlEqualTo("/api/consents/C-2")));
    }

    @Test
    void chineseHelpIsAnsweredInChineseAndChangesNothing() throws Exception {
        var response = send(inbound("SM23", "帮助"), true).andExpect(status().isOk()).andReturn().getResponse();

        assertThat(twimlMessage(response.getContentAsByteArray())).isEqualTo("【Beacon Bank】本号码发送我行产品营销短信。回复TD退订。客服：0800 000 0000");
        services.verify(0, postRequestedFor(urlEqualTo("/api/profiles/lookup")));
        services.verify(0, putRequestedFor(urlEqualTo("/api/consents/C-1")));
    }

    @Test
    void aSecondOptOutOfTheNumberIsHonouredButNeverConfirmedTwice_evenOnAnotherInstance() throws Exception {
        send(inbound("SM30", "STOP"), true).andExpect(content().string(Matchers.containsString("<Message>")));

        // another text, another language, another sms instance (or the same one restarted): withdrawn again, no second confirmation
        MockMvc other = instance();
        send(other, inbound("SM31", "退订"), true)
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("<Message>"))));
        services.verify(2, putRequestedFor(urlEqualTo("/api/consents/C-1")).withRequestBody(matchingJsonPath("$.status", equalTo("WITHDRAWN"))));

        // back in, and out again: that new opt-out gets its own confirmation
        send(inbound("SM32", "START"), true).andExpect(content().string(Matchers.containsString("<Message>")));
        send(other, inbound("SM33", "baja"), true).andExpect(content().string(Matchers.containsString("<Message>")));
    }

    @Test
    void twoInstancesHandlingTwoStopsAtOnceConfirmOnce() throws Exception {
        MockMvc other = instance();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var first = pool.submit(() -> { start.await(); return send(mvc, inbound("SM40", "STOP"), true).andReturn().getResponse().getContentAsString(); });
            var second = pool.submit(() -> { start.await(); return send(other, inbound("SM41", "TD"), true).andReturn().getResponse().getContentAsString(); });
            start.countDown();

            assertThat(List.of(first.get(), second.get())).filteredOn(answer -> answer.contains("<Message>")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownWordIsAuditedAndChangesNothing() throws Exception {
        try (var audit = new LogLines("io.beacon.sms.audit")) {
            send(inbound("SM50", "ARRET"), true)
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.not(Matchers.containsString("<Message>"))));

            assertThat(audit.lines()).singleElement().satisfies(line -> {
                assertThat(line).isEqualTo("inbound SMS SM50 from " + Masking.phone("+447700900123") + " is no keyword of "
                        + ShippedKeywords.load().locales() + ": nothing changed");
                assertThat(line).doesNotContain("+447700900123", "ARRET");
            });
        }
        services.verify(0, postRequestedFor(urlEqualTo("/api/profiles/lookup")));
        services.verify(0, putRequestedFor(urlEqualTo("/api/consents/C-1")));
        // the audit record: the message, when, and that it changed nothing; neither its text nor the number
        Document record = database.getCollection("inbound_messages").find(Filters.eq("_id", "SM50")).first();
        assertThat(record).isNotNull();
        assertThat(record.getString("outcome")).isEqualTo("no keyword: nothing changed");
        assertThat(record.toJson()).doesNotContain("ARRET", "900123");
        assertThat(database.getCollection(SmsOptOuts.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void aStopWhoseConsentChangeFailedIsHandledAgainWhenTwilioRetriesIt_andConfirmedOnce() throws Exception {
        services.stubFor(put(urlEqualTo("/api/consents/C-1")).willReturn(aResponse().withStatus(503)));

        send(inbound("SM60", "退订"), true).andExpect(status().is5xxServerError());
        assertThat(database.getCollection(SmsOptOuts.COLLECTION).countDocuments()).as("nothing confirmed").isZero();

        services.stubFor(put(urlEqualTo("/api/consents/C-1")).withBasicAuth(SMS.username, SMS.password).willReturn(okJson("{}")));
        send(inbound("SM60", "退订"), true).andExpect(content().string(Matchers.containsString("<Message>")));
        send(inbound("SM60", "退订"), true).andExpect(content().string(Matchers.not(Matchers.containsString("<Message>"))));
        services.verify(1, putRequestedFor(urlEqualTo("/api/consents/C-2")).withRequestBody(matchingJsonPath("$.status", equalTo("WITHDRAWN"))));
    }

    /** The text of the TwiML answer's one Message, read as Twilio reads it: XML in the declared encoding. */
    private static String twimlMessage(byte[] twiml) throws Exception {
        var document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new java.io.ByteArrayInputStream(twiml));
        var messages = document.getElementsByTagName("Message");
        assertThat(messages.getLength()).isEqualTo(1);
        return messages.item(0).getTextContent();
    }

    private static Map<String, String> inbound(String sid, String body) {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", sid);
        params.put("AccountSid", "ACtest");
        params.put("From", "+447700900123");
        params.put("To", "+447700900000");
        params.put("Body", body);
        return params;
    }

    private org.springframework.test.web.servlet.ResultActions send(Map<String, String> params, boolean signed) throws Exception {
        return send(mvc, params, signed);
    }

    private static org.springframework.test.web.servlet.ResultActions send(MockMvc mvc, Map<String, String> params, boolean signed) throws Exception {
        String form = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        var request = MockMvcRequestBuilders.post("/webhooks/twilio/inbound").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(form);
        request.header("X-Twilio-Signature", signed ? TwilioSignature.of(TOKEN, WEBHOOK, params) : "forged");
        return mvc.perform(request);
    }
}
