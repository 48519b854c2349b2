package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.ServiceApiTesting;
import io.beacon.platform.ServiceClients;
import io.beacon.delivery.InMemoryMongo;
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
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

class InboundSmsWebhookTest {

    private static final String TOKEN = "dev-token";
    private static final BasicCredentials SMS = new BasicCredentials("sms", ServiceApiTesting.developmentPassword("sms"));
    private static final String WEBHOOK = "https://sms.bank.example/webhooks/twilio/inbound";

    @RegisterExtension
    static WireMockExtension services = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private InMemoryMongo mongo;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        var twilio = new TwilioProperties(URI.create("http://127.0.0.1:1"), "ACtest", TOKEN, "BEACON", null, Duration.ofSeconds(1), Duration.ofSeconds(1));
        var sms = new SmsProperties("Beacon Bank", 3, Duration.ofMinutes(2), Duration.ofSeconds(30), 4, URI.create(WEBHOOK), "0800 000 0000");
        // profiles and consent are called with sms's own account, as SmsConfiguration does
        var http = new ServiceClients(SMS.username, SMS.password);
        URI base = URI.create(services.baseUrl());
        // through sms's own filter chain: Twilio sends no Beacon account, its signature is the check
        mvc = ServiceApiTesting.securedMockMvc(new InboundSmsController(twilio, sms, http.api(ProfilesApi.class, base, Duration.ofSeconds(2)),
                http.api(ConsentApi.class, base, Duration.ofSeconds(2)), mongo.freshDatabase()));
        services.stubFor(post(urlEqualTo("/api/profiles/lookup")).withBasicAuth(SMS.username, SMS.password)
                .withRequestBody(equalToJson("{\"phone\":\"+447700900123\"}"))
                .willReturn(okJson("{\"customerIds\":[\"C-1\",\"C-2\"]}")));
        services.stubFor(put(urlEqualTo("/api/consents/C-1")).withBasicAuth(SMS.username, SMS.password).willReturn(okJson("{}")));
        services.stubFor(put(urlEqualTo("/api/consents/C-2")).withBasicAuth(SMS.username, SMS.password).willReturn(okJson("{}")));
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
        String form = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        var request = MockMvcRequestBuilders.post("/webhooks/twilio/inbound").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(form);
        request.header("X-Twilio-Signature", signed ? TwilioSignature.of(TOKEN, WEBHOOK, params) : "forged");
        return mvc.perform(request);
    }
}
