package io.beacon.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.http.Fault;
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
import io.beacon.delivery.DeliveryResult.Status;
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
 * The SMS sender end to end minus Zeebe and Kafka: WireMock plays Twilio, profiles and consent, the ledger is real
 * MongoDB wire protocol in memory, and the outcomes are recorded instead of published.
 */
class SmsDeliveryComponentTest {

    private static final String ACCOUNT = "ACtest00000000000000000000000000";
    private static final String TOKEN = "test-token";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    private static final String PHONE = "+447700900123";

    @RegisterExtension
    static WireMockExtension http = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static InMemoryMongo mongo;

    private final DeliveryRequest request = Requests.salaryCreditedOffer();
    private RecordingOutcomes outcomes;
    private DeliveryLedger ledger;
    private SmsDelivery delivery;

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
        var twilioProperties = new TwilioProperties(base, ACCOUNT, TOKEN, "BEACONBANK", null, Duration.ofSeconds(1), Duration.ofSeconds(2));
        var retry = TestResilience.retry("twilio");
        var breaker = TestResilience.circuitBreaker("twilio");
        var twilio = new TwilioClient(HttpClients.restClient(base, Duration.ofSeconds(1), Duration.ofSeconds(2)), twilioProperties, retry, breaker);
        ledger = new DeliveryLedger(mongo.freshDatabase(), Clock.systemUTC());
        ledger.ensureIndexes();
        outcomes = new RecordingOutcomes();
        delivery = new SmsDelivery(
                new ConsentClient(HttpClients.restClient(base, Duration.ofSeconds(1), Duration.ofSeconds(2))),
                new ProfilesClient(HttpClients.restClient(base, Duration.ofSeconds(1), Duration.ofSeconds(2))),
                ledger, twilio, new SmsText("Beacon Bank", Map.of("TERM_DEPOSIT_12M", "our 12-month fixed-rate deposit")),
                outcomes, Clock.systemUTC());

        consentIs("{\"allowed\":true,\"reason\":null}");
        http.stubFor(get("/api/profiles/C-1001/contact-points").willReturn(okJson(
                "{\"customerId\":\"C-1001\",\"firstName\":\"Jane\",\"language\":\"en-GB\",\"phone\":\"" + PHONE + "\"}")));
    }

    @Test
    void sendsTheOfferToTwilioWithFormFieldsAndBasicAuth() {
        twilioAccepts("SM0001");

        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.sent("SM0001"));
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withBasicAuth(new BasicCredentials(ACCOUNT, TOKEN))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo(PHONE))
                .withFormParam("From", equalTo("BEACONBANK"))
                .withFormParam("Body", equalTo("Beacon Bank: Hi Jane, our 12-month fixed-rate deposit is available for you. Reply STOP to opt out")));
        assertThat(outcomes.published).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(OutcomeType.SENT);
            assertThat(outcome.channel()).isEqualTo("sms");
            assertThat(outcome.journey()).isEqualTo("journey_salary_credited");
            assertThat(outcome.journeyInstance()).isEqualTo("2251799813685249");
            assertThat(outcome.step()).isEqualTo("Task_SendSmsOffer");
            assertThat(outcome.sourceEventId()).isEqualTo("evt-0001");
            assertThat(outcome.decisionId()).isEqualTo("dec-0001");
            assertThat(outcome.productCode()).isEqualTo("TERM_DEPOSIT_12M");
            assertThat(outcome.trigger()).isEqualTo("SalaryCredited");
        });
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> {
            assertThat(entry.state()).isEqualTo(State.SENT);
            assertThat(entry.providerMessageId()).isEqualTo("SM0001");
        });
    }

    @Test
    void suppressesWithoutCallingTwilioWhenConsentWasWithdrawnBeforeTheSend() {
        consentIs("{\"allowed\":false,\"reason\":\"OPTED_OUT\"}");
        twilioAccepts("SM0001");

        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.suppressed(ReasonCode.OPTED_OUT));
        http.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(outcomes.published).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(OutcomeType.SUPPRESSED);
            assertThat(outcome.reason()).isEqualTo(ReasonCode.OPTED_OUT);
        });
    }

    @Test
    void suppressesWhenTheCustomerHasNoPhoneNumber() {
        http.stubFor(get("/api/profiles/C-1001/contact-points").willReturn(okJson("{\"customerId\":\"C-1001\",\"firstName\":\"Jane\"}")));

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.suppressed(ReasonCode.NO_CONTACT_POINT));
        http.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void suppressesWhenTheProfileIsUnknown() {
        http.stubFor(get("/api/profiles/C-1001/contact-points").willReturn(aResponse().withStatus(404)));

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.suppressed(ReasonCode.NO_CONTACT_POINT));
    }

    @Test
    void sendsOnceWhenTheSameJobIsDeliveredTwice() {
        twilioAccepts("SM0001");

        DeliveryResult first = delivery.deliver(request);
        DeliveryResult second = delivery.deliver(request);

        assertThat(second).isEqualTo(first);
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(outcomes.published).hasSize(1);
    }

    @Test
    void reportsTheEarlierSendEvenWhenTheCustomerOptedOutSince() {
        twilioAccepts("SM0001");
        delivery.deliver(request);
        consentIs("{\"allowed\":false,\"reason\":\"OPTED_OUT\"}");

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sent("SM0001"));
    }

    @Test
    void retriesAProviderErrorAndSendsOneMessage() {
        http.stubFor(post(MESSAGES).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"code\":20500,\"message\":\"Internal Server Error\"}"))
                .willSetStateTo("recovered"));
        http.stubFor(post(MESSAGES).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(created("SM0002")));

        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.sent("SM0002"));
        http.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT);
    }

    @Test
    void failsPermanentlyWithoutRetryingWhenTwilioRejectsTheNumber() {
        http.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21211,\"message\":\"The 'To' number " + PHONE + " is not a valid phone number.\",\"status\":400}")));

        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.failed(ReasonCode.INVALID_CONTACT_POINT, null));
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(outcomes.published).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(OutcomeType.FAILED);
            assertThat(outcome.reason()).isEqualTo(ReasonCode.INVALID_CONTACT_POINT);
            assertThat(outcome.detail()).doesNotContain(PHONE);
        });
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(State.FAILED));
    }

    @Test
    void defersTheJobWhenTwilioStaysUnavailableAndLeavesItSafeToSendLater() {
        http.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> delivery.deliver(request))
                .isInstanceOf(DeliveryDeferredException.class)
                .hasMessageContaining("Twilio unavailable")
                .hasMessageContaining("503");
        http.verify(3, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(outcomes.published).isEmpty();
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> {
            assertThat(entry.state()).isEqualTo(State.PENDING);
            assertThat(entry.providerMessageId()).isNull();
        });

        twilioAccepts("SM0003");
        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sent("SM0003"));
    }

    @Test
    void treatsAConnectionResetLikeAnUnavailableProvider() {
        http.stubFor(post(MESSAGES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> delivery.deliver(request)).isInstanceOf(DeliveryDeferredException.class);
        http.verify(3, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void resolvesASendLeftPendingThroughTwilioStatusLookupInsteadOfResending() {
        // A worker died after Twilio accepted SM0004 but before the outcome went out.
        ledger.claim(request, "+44770****0123");
        ledger.recordAccepted(request.idempotencyKey(), "SM0004", "queued");
        http.stubFor(get("/2010-04-01/Accounts/" + ACCOUNT + "/Messages/SM0004.json")
                .willReturn(okJson("{\"sid\":\"SM0004\",\"status\":\"delivered\"}")));
        twilioAccepts("SM9999");

        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.sent("SM0004"));
        http.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        http.verify(1, getRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages/SM0004.json"))
                .withBasicAuth(new BasicCredentials(ACCOUNT, TOKEN)));
        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT);
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(State.SENT));
    }

    @Test
    void failsAPendingSendThatTwilioReportsAsFailed() {
        ledger.claim(request, "+44770****0123");
        ledger.recordAccepted(request.idempotencyKey(), "SM0005", "queued");
        http.stubFor(get("/2010-04-01/Accounts/" + ACCOUNT + "/Messages/SM0005.json")
                .willReturn(okJson("{\"sid\":\"SM0005\",\"status\":\"undelivered\"}")));

        DeliveryResult result = delivery.deliver(request);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).isEqualTo(ReasonCode.PROVIDER_REJECTED);
        http.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void defersTheJobWhenTheConsentServiceCannotAnswer() {
        http.stubFor(get(urlPathEqualTo("/api/consents/C-1001/check")).willReturn(aResponse().withStatus(503)));
        twilioAccepts("SM0001");

        assertThatThrownBy(() -> delivery.deliver(request)).isInstanceOf(DeliveryDeferredException.class)
                .hasMessageContaining("consent");
        http.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    private void consentIs(String json) {
        http.stubFor(get(urlPathEqualTo("/api/consents/C-1001/check"))
                .withQueryParam("channel", equalTo("sms"))
                .withQueryParam("purpose", equalTo("marketing"))
                .willReturn(okJson(json)));
    }

    private void twilioAccepts(String sid) {
        http.stubFor(post(MESSAGES).willReturn(created(sid)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"" + PHONE + "\"}");
    }
}
