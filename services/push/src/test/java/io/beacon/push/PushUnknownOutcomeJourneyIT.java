package io.beacon.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.beacon.delivery.Channel;
import io.beacon.delivery.DeliveryJobHandler;
import io.beacon.delivery.JourneyOnZeebe;
import io.beacon.delivery.SenderFixture;
import io.beacon.delivery.TestResilience;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A push whose outcome is unknown, through the real journey on the real Zeebe engine: the customer's order is push,
 * then SMS, then email. FCM has no status lookup, so the push counts as sent (unconfirmed) and the journey must not
 * fall back: the offer reaches the customer at most once (ADR 0036). WireMock plays FCM with each fault.
 */
class PushUnknownOutcomeJourneyIT {

    private static final String SEND = "/v1/projects/beacon-test/messages:send";
    private static final String DEVICE = "fcm-registration-token-of-janes-phone";
    private static final FcmServiceAccount ACCOUNT = FcmServiceAccount.generatedForSimulator("push@beacon-test.iam.gserviceaccount.com");
    private static final AtomicInteger events = new AtomicInteger();

    @RegisterExtension
    static SenderFixture fixture = SenderFixture.forChannel(Channel.PUSH, DEVICE);

    private static JourneyOnZeebe journey;
    /** Rebuilt for each test on that test's ledger and recorded outcomes; the one worker sends through it. */
    private static volatile PushDelivery sender;

    @BeforeAll
    static void deployTheJourneyAndServePushJobs() {
        journey = JourneyOnZeebe.forSender(Channel.PUSH);
        var handler = new DeliveryJobHandler("send-push", Channel.PUSH, new io.beacon.delivery.ChannelDelivery() {
            @Override
            public io.beacon.delivery.DeliveryResult deliver(io.beacon.delivery.DeliveryRequest request) {
                return sender.deliver(request);
            }

            @Override
            public io.beacon.delivery.DeliveryResult giveUp(io.beacon.delivery.DeliveryRequest request, String detail) {
                return sender.giveUp(request, detail);
            }
        }, Duration.ofMillis(500));
        journey.serve(handler);
    }

    @AfterAll
    static void stop() {
        if (journey != null) {
            journey.close();
        }
    }

    @BeforeEach
    void wireTheSender() {
        URI base = fixture.baseUrl();
        var properties = new FcmProperties(base, "beacon-test", URI.create(base + "/token"), null, true,
                "push@beacon-test.iam.gserviceaccount.com", Duration.ofSeconds(1), Duration.ofSeconds(2));
        var tokens = new FcmAccessTokens(fixture.restClient(), properties, ACCOUNT, Clock.systemUTC());
        sender = new PushDelivery(fixture.consent(), fixture.profiles(), fixture.ledger(),
                new FcmClient(fixture.restClient(), properties, tokens, TestResilience.guard("FCM")),
                PushText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", "beacon://preferences", PushTextTest.NOV_22),
                fixture.outcomes(), Clock.systemUTC());
        fixture.http().stubFor(post("/token").willReturn(okJson("{\"access_token\":\"ya29.test\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    }

    enum UnknownOutcome {
        TIMEOUT_AFTER_FCM_ACCEPTED(okJson("{\"name\":\"projects/beacon-test/messages/0:1\"}").withFixedDelay(2_500)),
        CONNECTION_RESET_AFTER_THE_REQUEST(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
        GATEWAY_TIMEOUT_504(aResponse().withStatus(504)),
        UNREADABLE_200(aResponse().withStatus(200).withBody("<html>proxy</html>"));

        final ResponseDefinitionBuilder answer;

        UnknownOutcome(ResponseDefinitionBuilder answer) {
            this.answer = answer;
        }
    }

    @ParameterizedTest
    @EnumSource(UnknownOutcome.class)
    void aPushWhoseOutcomeIsUnknownIsCountedSentAndTheJourneyNeverSendsTheOfferAgainBySmsOrEmail(UnknownOutcome fault) {
        fixture.http().stubFor(post(SEND).willReturn(fault.answer));
        String event = "evt-push-unknown-" + events.incrementAndGet();

        journey.start(SenderFixture.CUSTOMER, event, List.of("push", "sms", "email"));
        Map<String, Object> delivery = journey.awaitConverted(SenderFixture.CUSTOMER, event);

        assertThat(delivery).containsEntry("channel", "push").containsEntry("status", "SENT").containsEntry("confirmed", false);
        fixture.http().verify(1, postRequestedFor(urlEqualTo(SEND)));
        assertThat(journey.channelsTried(event)).containsExactly("push");
        assertThat(journey.sendsOn(Channel.SMS, event)).isZero();
        assertThat(journey.sendsOn(Channel.EMAIL, event)).isZero();
    }

    @Test
    void aPushFcmCertainlyRefusedFallsBackToSmsOnce() {
        fixture.http().stubFor(post(SEND).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}")));
        String event = "evt-push-refused-" + events.incrementAndGet();

        journey.start(SenderFixture.CUSTOMER, event, List.of("push", "sms", "email"));
        Map<String, Object> delivery = journey.awaitConverted(SenderFixture.CUSTOMER, event);

        assertThat(delivery).containsEntry("channel", "sms").containsEntry("status", "SENT");
        fixture.http().verify(1, postRequestedFor(urlEqualTo(SEND)));
        assertThat(journey.channelsTried(event)).containsExactly("push", "sms");
        assertThat(journey.sendsOn(Channel.SMS, event)).isOne();
        assertThat(journey.sendsOn(Channel.EMAIL, event)).isZero();
    }
}
