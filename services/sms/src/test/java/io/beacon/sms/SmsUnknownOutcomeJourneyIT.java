package io.beacon.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.beacon.delivery.Channel;
import io.beacon.delivery.ChannelDelivery;
import io.beacon.delivery.DeliveryJobHandler;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.DeliveryResult;
import io.beacon.delivery.HttpClients;
import io.beacon.delivery.JourneyOnZeebe;
import io.beacon.delivery.SenderFixture;
import io.beacon.delivery.TestResilience;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A text whose outcome is unknown, through the real journey on the real Zeebe engine: the customer's order is SMS,
 * then push, then email. Twilio (WireMock, which keeps every message a POST created and lists them as Twilio's
 * Messages list does) is asked before anything is sent again: it has the text, so the send is SENT and the journey
 * does not fall back; the offer reaches the customer once (ADR 0011, ADR 0036).
 */
class SmsUnknownOutcomeJourneyIT {

    private static final String ACCOUNT = "ACtest00000000000000000000000000";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    private static final String PHONE = "+447700900123";
    private static final AtomicInteger events = new AtomicInteger();

    @RegisterExtension
    static SenderFixture fixture = SenderFixture.forChannel(Channel.SMS, PHONE);

    private static final TwilioMessages created = new TwilioMessages();
    private static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort().extensions(created));
    private static JourneyOnZeebe journey;
    private static volatile SmsDelivery sender;

    @BeforeAll
    static void deployTheJourneyAndServeSmsJobs() {
        twilio.start();
        journey = JourneyOnZeebe.forSender(Channel.SMS);
        journey.serve(new DeliveryJobHandler("send-sms", Channel.SMS, new ChannelDelivery() {
            @Override
            public DeliveryResult deliver(DeliveryRequest request) {
                return sender.deliver(request);
            }

            @Override
            public DeliveryResult giveUp(DeliveryRequest request, String detail) {
                return sender.giveUp(request, detail);
            }
        }, Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        if (journey != null) {
            journey.close();
        }
        twilio.stop();
    }

    @BeforeEach
    void wireTheSender() {
        twilio.resetAll();
        created.messages.clear();
        var properties = new TwilioProperties(URI.create(twilio.baseUrl()), ACCOUNT, "test-token", "BEACONBANK", null,
                Duration.ofSeconds(1), Duration.ofSeconds(2));
        sender = new SmsDelivery(fixture.consent(), fixture.profiles(), fixture.ledger(),
                new TwilioClient(HttpClients.restClient(URI.create(twilio.baseUrl()), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                        properties, TestResilience.guard("Twilio")),
                SmsText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", 3, SmsTextTest.NOV_22),
                fixture.outcomes(), Clock.systemUTC());
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withTransformers(TwilioMessages.NAME)));
    }

    enum UnknownOutcome {
        TIMEOUT_AFTER_TWILIO_CREATED_IT(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SMlate\",\"status\":\"queued\"}").withFixedDelay(2_500)),
        CONNECTION_RESET_AFTER_THE_REQUEST(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
        GATEWAY_TIMEOUT_504(aResponse().withStatus(504)),
        UNREADABLE_201(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"sid\": \"SM00"));

        final ResponseDefinitionBuilder answer;

        UnknownOutcome(ResponseDefinitionBuilder answer) {
            this.answer = answer;
        }
    }

    @ParameterizedTest
    @EnumSource(UnknownOutcome.class)
    void aTextWhoseAnswerWasLostIsFoundAtTwilioAndTheJourneyNeverSendsTheOfferAgainByPushOrEmail(UnknownOutcome fault) {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(fault.answer.withTransformers(TwilioMessages.NAME)));
        String event = "evt-sms-unknown-" + events.incrementAndGet();

        journey.start(SenderFixture.CUSTOMER, event, List.of("sms", "push", "email"));
        Map<String, Object> delivery = journey.awaitConverted(SenderFixture.CUSTOMER, event);

        assertThat(delivery).containsEntry("channel", "sms").containsEntry("status", "SENT").containsEntry("providerMessageId", "SM1");
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(created.messages).hasSize(1);
        assertThat(journey.channelsTried(event)).containsExactly("sms");
        assertThat(journey.sendsOn(Channel.PUSH, event)).isZero();
        assertThat(journey.sendsOn(Channel.EMAIL, event)).isZero();
    }

    @Test
    void aTextTwilioCertainlyRefusedFallsBackToPushOnce() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}")));
        String event = "evt-sms-refused-" + events.incrementAndGet();

        journey.start(SenderFixture.CUSTOMER, event, List.of("sms", "push", "email"));
        Map<String, Object> delivery = journey.awaitConverted(SenderFixture.CUSTOMER, event);

        assertThat(delivery).containsEntry("channel", "push").containsEntry("status", "SENT");
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(journey.channelsTried(event)).containsExactly("sms", "push");
        assertThat(journey.sendsOn(Channel.PUSH, event)).isOne();
    }

    /**
     * Twilio's memory: a POST creates a message whatever its answer was (so a lost answer still leaves a message), and
     * the Messages list shows the messages created, newest first, as Twilio's list does.
     */
    static final class TwilioMessages implements ResponseDefinitionTransformerV2 {

        static final String NAME = "twilio-messages";
        final List<Map<String, String>> messages = new CopyOnWriteArrayList<>();

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var request = event.getRequest();
            if (request.getMethod().getName().equals("POST")) {
                var form = new HashMap<String, String>();
                for (String pair : request.getBodyAsString().split("&")) {
                    String[] kv = pair.split("=", 2);
                    form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
                form.put("sid", "SM" + (messages.size() + 1));
                form.put("date_created", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
                messages.add(form);
                return event.getResponseDefinition();
            }
            var listed = new java.util.ArrayList<Map<String, Object>>();
            for (int i = messages.size() - 1; i >= 0; i--) {
                var m = messages.get(i);
                listed.add(Map.of("sid", m.get("sid"), "to", m.get("To"), "from", m.get("From"), "body", m.get("Body"),
                        "status", "sent", "date_created", m.get("date_created")));
            }
            try {
                return ResponseDefinition.okForJson(Map.of("messages", listed, "page", 0, "page_size", 50));
            } catch (RuntimeException e) {
                throw e;
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
