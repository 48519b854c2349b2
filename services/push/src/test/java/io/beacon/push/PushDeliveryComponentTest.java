package io.beacon.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
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
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The push sender end to end minus Zeebe and Kafka: WireMock plays FCM, its token endpoint, profiles and consent; the
 * ledger is the MongoDB wire protocol in memory; outcomes are recorded instead of published.
 */
class PushDeliveryComponentTest {

    private static final String SEND = "/v1/projects/beacon-test/messages:send";
    private static final String DEVICE = "fcm-registration-token-of-janes-phone";

    // one RSA key for the class: generating one per test costs more than the tests
    private static final FcmServiceAccount ACCOUNT = FcmServiceAccount.generatedForSimulator("push@beacon-test.iam.gserviceaccount.com");

    @RegisterExtension
    static SenderFixture fixture = SenderFixture.forChannel(Channel.PUSH, DEVICE);

    private final DeliveryRequest request = fixture.salaryCreditedOffer();
    private WireMockServer http;
    private RecordingOutcomes outcomes;
    private DeliveryLedger ledger;
    private PushDelivery delivery;
    private FcmProperties properties;
    private FcmAccessTokens tokens;

    @BeforeEach
    void wireTheSender() {
        http = fixture.http();
        outcomes = fixture.outcomes();
        ledger = fixture.ledger();
        URI base = fixture.baseUrl();
        properties = new FcmProperties(base, "beacon-test", URI.create(base + "/token"), null, true,
                "push@beacon-test.iam.gserviceaccount.com", Duration.ofSeconds(1), Duration.ofSeconds(2));
        tokens = new FcmAccessTokens(fixture.restClient(), properties, ACCOUNT, Clock.systemUTC());
        delivery = sender(new FcmClient(fixture.restClient(), properties, tokens, TestResilience.guard("FCM")));
        http.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"ya29.test-access-token\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    }

    private PushDelivery sender(FcmClient fcm) {
        return new PushDelivery(fixture.consent(), fixture.profiles(), ledger, fcm,
                PushText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", "beacon://preferences", PushTextTest.NOV_22),
                outcomes, Clock.systemUTC());
    }

    @Test
    void sendsTheNotificationWithABearerTokenAndThePreferencesLink() {
        fcmAccepts("projects/beacon-test/messages/0:1");

        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.sent("projects/beacon-test/messages/0:1"));
        http.verify(1, postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"))
                .withRequestBody(matching(".*assertion=eyJ[^.&]+\\.[^.&]+\\.[^.&]+.*")));
        http.verify(1, postRequestedFor(urlEqualTo(SEND))
                .withHeader("Authorization", equalTo("Bearer ya29.test-access-token"))
                .withRequestBody(equalToJson("""
                        {"message":{"token":"%s",
                          "notification":{"title":"Beacon Bank","body":"Hi Jane, our 12-month fixed-rate deposit is available for you from £1,000.00 until 6 December 2026."},
                          "data":{"preferencesLink":"beacon://preferences"}}}""".formatted(DEVICE))));
        assertThat(outcomes.published).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(OutcomeType.SENT);
            assertThat(outcome.channel()).isEqualTo("push");
            assertThat(outcome.step()).isEqualTo("Task_SendPushOffer");
        });
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(State.SENT));
    }

    @Test
    void reusesTheAccessTokenUntilItExpires() {
        fcmAccepts("projects/beacon-test/messages/0:1");

        delivery.deliver(request);
        delivery.deliver(Requests.travelOffer());

        http.verify(2, postRequestedFor(urlEqualTo(SEND)));
        http.verify(1, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void suppressesWithoutCallingFcmWhenConsentWasWithdrawnBeforeTheSend() {
        consentIs("{\"allowed\":false,\"reason\":\"OPTED_OUT\"}");
        fcmAccepts("projects/beacon-test/messages/0:1");

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.suppressed(ReasonCode.OPTED_OUT));
        http.verify(0, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void theFcmCallRunsInsideASendLeaseAndAWithdrawalBeforeItStopsThePush() {
        fcmAccepts("projects/beacon-test/messages/0:1");
        assertThat(delivery.deliver(request).status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(fixture.requestOrder()).filteredOn(r -> r.contains("send-leases") || r.endsWith(SEND))
                .containsExactly("POST " + SenderFixture.SEND_LEASES, "POST " + SEND, "DELETE " + SenderFixture.SEND_LEASES + "/lease-1");

        // ADR 0015: withdrawn after the first check, refused at the lease taken right before FCM is called
        var next = new DeliveryRequest(Channel.PUSH, "C-1001", "TERM_DEPOSIT_12M", "SalaryCredited", "journey_salary_credited",
                "2251799813685250", "Task_SendPushOffer", "evt-0002", "dec-0002");
        fixture.withdrawnBeforeTheCall("OPTED_OUT");
        assertThat(delivery.deliver(next)).isEqualTo(DeliveryResult.suppressed(ReasonCode.OPTED_OUT));
        http.verify(1, postRequestedFor(urlEqualTo(SEND)));
        assertThat(ledger.find(next.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(State.SUPPRESSED));
    }

    @Test
    void suppressesWhenTheCustomerHasNoApp() {
        http.stubFor(get("/internal/profiles/C-1001/contact-points").willReturn(okJson("{\"customerId\":\"C-1001\",\"firstName\":\"Jane\"}")));

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.suppressed(ReasonCode.NO_CONTACT_POINT));
        http.verify(0, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void sendsOnceWhenTheSameJobIsDeliveredTwice() {
        fcmAccepts("projects/beacon-test/messages/0:1");

        DeliveryResult first = delivery.deliver(request);

        assertThat(delivery.deliver(request)).isEqualTo(first);
        http.verify(1, postRequestedFor(urlEqualTo(SEND)));
        assertThat(outcomes.published).hasSize(1);
    }

    @Test
    void retriesAProviderErrorAndSendsOneMessage() {
        http.stubFor(post(SEND).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}"))
                .willSetStateTo("recovered"));
        http.stubFor(post(SEND).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"name\":\"projects/beacon-test/messages/0:2\"}")));

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sent("projects/beacon-test/messages/0:2"));
        http.verify(2, postRequestedFor(urlEqualTo(SEND)));
        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT);
    }

    @Test
    void failsWithoutRetryingWhenTheTokenIsUnregistered() {
        http.stubFor(post(SEND).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND",
                  "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"UNREGISTERED"}]}}""")));

        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.failed(ReasonCode.PROVIDER_REJECTED, null));
        http.verify(1, postRequestedFor(urlEqualTo(SEND)));
        assertThat(outcomes.published).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(OutcomeType.FAILED);
            assertThat(outcome.detail()).contains("UNREGISTERED").doesNotContain(DEVICE);
        });
        // the dead token is removed from the profile, named in the body, not the URL, with push's own account
        http.verify(1, postRequestedFor(urlEqualTo("/api/profiles/C-1001/push-token/unregistered"))
                .withBasicAuth(fixture.account())
                .withRequestBody(equalToJson("{\"token\":\"" + DEVICE + "\"}")));
        // and FCM never sees Beacon's account
        http.verify(0, postRequestedFor(urlEqualTo(SEND)).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing("Basic")));
    }

    @Test
    void anInvalidArgumentIsARefusalButKeepsTheToken() {
        http.stubFor(post(SEND).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"code":400,"status":"INVALID_ARGUMENT",
                  "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"INVALID_ARGUMENT"}]}}""")));

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.failed(ReasonCode.PROVIDER_REJECTED, null));
        http.verify(0, postRequestedFor(urlEqualTo("/api/profiles/C-1001/push-token/unregistered")));
    }

    @Test
    void fetchesAFreshAccessTokenWhenFcmRefusesTheCachedOne() {
        http.stubFor(post(SEND).inScenario("revoked").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}"))
                .willSetStateTo("fresh"));
        http.stubFor(post(SEND).inScenario("revoked").whenScenarioStateIs("fresh")
                .willReturn(okJson("{\"name\":\"projects/beacon-test/messages/0:3\"}")));

        assertThat(delivery.deliver(request).status()).isEqualTo(DeliveryResult.Status.SENT);
        http.verify(2, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void defersTheJobWhenFcmStaysUnavailable() {
        http.stubFor(post(SEND).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> delivery.deliver(request)).isInstanceOf(DeliveryDeferredException.class)
                .hasMessageContaining("FCM unavailable");
        http.verify(3, postRequestedFor(urlEqualTo(SEND)));
        assertThat(outcomes.published).isEmpty();
    }

    @Test
    void neverResendsWhenFcmsAnswerTimedOutAndCountsItSentUnconfirmed() {
        // FCM has no status lookup: a timeout after the request left is SENT, unconfirmed (ADR 0036), never resent
        // and never a reason for the journey to fall back to another channel.
        http.stubFor(post(SEND).willReturn(okJson("{\"name\":\"projects/beacon-test/messages/0:4\"}").withFixedDelay(2_500)));

        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.sentUnconfirmed(null));
        assertThat(result.asVariables(Channel.PUSH).get("delivery")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("status", "SENT").containsEntry("confirmed", false);
        http.verify(1, postRequestedFor(urlEqualTo(SEND)));
        assertThat(outcomes.published).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(OutcomeType.SENT);
            assertThat(outcome.reason()).isNull();
            assertThat(outcome.detail()).startsWith("outcome-unknown").contains("FCM has no status lookup");
        });
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.unconfirmed()).isTrue());
        assertThat(delivery.deliver(request)).isEqualTo(result);
        http.verify(1, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void aWorkerKilledBetweenFcmAcceptingAndTheLedgerUpdateNeverCausesASecondNotification() {
        fcmAccepts("projects/beacon-test/messages/0:5");
        var dying = new FcmClient(fixture.restClient(), properties, tokens, TestResilience.guard("FCM")) {
            @Override
            public String send(String registrationToken, PushText.Notification notification) {
                super.send(registrationToken, notification);
                throw new IllegalStateException("worker killed");
            }
        };
        assertThatThrownBy(() -> sender(dying).deliver(request)).hasMessage("worker killed");

        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.sentUnconfirmed(null));
        http.verify(1, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void treatsAnUnreadable200AsAnUnknownOutcome() {
        http.stubFor(post(SEND).willReturn(aResponse().withStatus(200).withBody("<html>proxy error</html>")));

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sentUnconfirmed(null));
        http.verify(1, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void treatsAGatewayTimeoutAsAnUnknownOutcomeButFcmsOwn503AsNothingSent() {
        http.stubFor(post(SEND).willReturn(aResponse().withStatus(504)));
        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sentUnconfirmed(null));
        http.verify(1, postRequestedFor(urlEqualTo(SEND)));

        http.stubFor(post(SEND).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> delivery.deliver(Requests.travelOffer())).isInstanceOfSatisfying(DeliveryDeferredException.class,
                e -> assertThat(e.mayHaveSent()).isFalse());
    }

    @Test
    void honoursRetryAfterOnA429() {
        http.stubFor(post(SEND).inScenario("quota").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\"}}"))
                .willSetStateTo("ok"));
        http.stubFor(post(SEND).inScenario("quota").whenScenarioStateIs("ok").willReturn(okJson("{\"name\":\"projects/beacon-test/messages/0:6\"}")));

        long started = System.nanoTime();
        assertThat(delivery.deliver(request).status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        http.verify(2, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void neverResendsAfterAConnectionResetOnceTheRequestLeft() {
        http.stubFor(post(SEND).willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sentUnconfirmed(null));
        // WireMock read the whole request before resetting: FCM may have it, so it is not sent again.
        http.verify(1, postRequestedFor(urlEqualTo(SEND)));
    }

    private void consentIs(String json) {
        fixture.consentIs(json);
    }

    private void fcmAccepts(String name) {
        http.stubFor(post(SEND).willReturn(okJson("{\"name\":\"" + name + "\"}")));
    }
}
