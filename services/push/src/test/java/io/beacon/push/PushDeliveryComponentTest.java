package io.beacon.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.ConsentClient;
import io.beacon.delivery.DeliveryDeferredException;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.DeliveryLedger.State;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.DeliveryResult;
import io.beacon.delivery.HttpClients;
import io.beacon.delivery.InMemoryMongo;
import io.beacon.delivery.ProfilesClient;
import io.beacon.delivery.RecordingOutcomes;
import io.beacon.delivery.TestResilience;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

    @RegisterExtension
    static WireMockExtension http = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static InMemoryMongo mongo;

    private final DeliveryRequest request = Requests.salaryCreditedOffer();
    private RecordingOutcomes outcomes;
    private DeliveryLedger ledger;
    private PushDelivery delivery;

    @BeforeAll
    static void startMongo() {
        mongo = new InMemoryMongo();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void wireTheSender() {
        URI base = URI.create(http.baseUrl());
        var properties = new FcmProperties(base, "beacon-test", URI.create(http.baseUrl() + "/token"),
                "push@beacon-test.iam.gserviceaccount.com", "test-assertion-secret-test-assertion", Duration.ofSeconds(1), Duration.ofSeconds(2));
        var retry = TestResilience.retry("fcm");
        var breaker = TestResilience.circuitBreaker("fcm");
        var tokens = new FcmAccessTokens(HttpClients.restClient(properties.tokenUri(), Duration.ofSeconds(1), Duration.ofSeconds(2)), properties, Clock.systemUTC());
        var fcm = new FcmClient(HttpClients.restClient(base, Duration.ofSeconds(1), Duration.ofSeconds(2)), properties, tokens, retry, breaker);
        ledger = new DeliveryLedger(mongo.freshDatabase(), Clock.systemUTC());
        ledger.ensureIndexes();
        outcomes = new RecordingOutcomes();
        delivery = new PushDelivery(
                new ConsentClient(HttpClients.restClient(base, Duration.ofSeconds(1), Duration.ofSeconds(2))),
                new ProfilesClient(HttpClients.restClient(base, Duration.ofSeconds(1), Duration.ofSeconds(2))),
                ledger, fcm, new PushText("Beacon Bank", "beacon://preferences", Map.of("TERM_DEPOSIT_12M", "our 12-month fixed-rate deposit")),
                outcomes, Clock.systemUTC());

        http.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"ya29.test-access-token\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
        consentIs("{\"allowed\":true,\"reason\":null}");
        http.stubFor(get("/api/profiles/C-1001/contact-points").willReturn(okJson(
                "{\"customerId\":\"C-1001\",\"firstName\":\"Jane\",\"language\":\"en-GB\",\"pushToken\":\"" + DEVICE + "\"}")));
    }

    @Test
    void sendsTheNotificationWithABearerTokenAndThePreferencesLink() {
        fcmAccepts("projects/beacon-test/messages/0:1");

        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.sent("projects/beacon-test/messages/0:1"));
        http.verify(1, postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"))
                .withRequestBody(containing("assertion=")));
        http.verify(1, postRequestedFor(urlEqualTo(SEND))
                .withHeader("Authorization", equalTo("Bearer ya29.test-access-token"))
                .withRequestBody(equalToJson("""
                        {"message":{"token":"%s",
                          "notification":{"title":"Beacon Bank","body":"Hi Jane, our 12-month fixed-rate deposit is available for you."},
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
    void suppressesWhenTheCustomerHasNoApp() {
        http.stubFor(get("/api/profiles/C-1001/contact-points").willReturn(okJson("{\"customerId\":\"C-1001\",\"firstName\":\"Jane\"}")));

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

    private void consentIs(String json) {
        http.stubFor(get(urlPathEqualTo("/api/consents/C-1001/check"))
                .withQueryParam("channel", equalTo("push"))
                .withQueryParam("purpose", equalTo("marketing"))
                .willReturn(okJson(json)));
    }

    private void fcmAccepts(String name) {
        http.stubFor(post(SEND).willReturn(okJson("{\"name\":\"" + name + "\"}")));
    }
}
