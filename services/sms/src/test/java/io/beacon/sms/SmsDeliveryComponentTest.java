package io.beacon.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.DeliveryDeferredException;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.DeliveryLedger.State;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.DeliveryResult;
import io.beacon.delivery.DeliveryResult.Status;
import io.beacon.delivery.RecordingOutcomes;
import io.beacon.delivery.TestResilience;
import io.beacon.delivery.SenderFixture;
import io.beacon.delivery.Channel;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.beacon.sms.TwilioClient.TwilioMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
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
    static SenderFixture fixture = SenderFixture.forChannel(Channel.SMS, PHONE);

    private final DeliveryRequest request = fixture.salaryCreditedOffer();
    private WireMockServer http;
    private RecordingOutcomes outcomes;
    private DeliveryLedger ledger;
    private SmsDelivery delivery;

    @BeforeEach
    void wireTheSender() {
        http = fixture.http();
        outcomes = fixture.outcomes();
        ledger = fixture.ledger();
        delivery = sender(new TwilioClient(fixture.restClient(), twilioProperties(null), TestResilience.guard("Twilio")));
    }

    private SmsDelivery sender(TwilioClient twilio) {
        return new SmsDelivery(fixture.consent(), fixture.profiles(), ledger, twilio,
                SmsText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", 3, SmsTextTest.NOV_22), outcomes, Clock.systemUTC());
    }

    private TwilioProperties twilioProperties(URI statusCallback) {
        return new TwilioProperties(fixture.baseUrl(), ACCOUNT, TOKEN, "BEACONBANK", statusCallback, Duration.ofSeconds(1), Duration.ofSeconds(2));
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
                .withFormParam("Body", equalTo(OFFER_TEXT)));
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
    void aSendThatDriftedIntoTheCustomersQuietHoursWaitsWithoutCallingTwilioOrUsingARetry() {
        twilioAccepts("SM0001");
        fixture.profileIs(Map.of("firstName", "Jane", "language", "en-GB", "timeZone", "Asia/Shanghai"));
        java.time.LocalTime there = java.time.LocalTime.now(java.time.ZoneId.of("Asia/Shanghai"));
        // quiet hours from an hour ago to an hour from now, in the customer's zone
        delivery.useQuietHours(new io.beacon.platform.QuietHours(there.minusHours(1).withNano(0), there.plusHours(1).withNano(0),
                java.time.ZoneId.of("Europe/London")));

        assertThatThrownBy(() -> delivery.deliver(request)).isInstanceOfSatisfying(io.beacon.delivery.DeliveryDeferredException.class, e -> {
            assertThat(e.getMessage()).contains("quiet hours in the customer's time zone until");
            assertThat(e.countsAsAttempt()).isFalse();
            assertThat(e.notBefore()).hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofHours(1)));
        });
        http.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(outcomes.published).isEmpty();

        // outside quiet hours it goes
        delivery.useQuietHours(new io.beacon.platform.QuietHours(there.plusHours(2).withNano(0), there.plusHours(3).withNano(0),
                java.time.ZoneId.of("Europe/London")));
        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sent("SM0001"));
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
        http.stubFor(get("/internal/profiles/C-1001/contact-points").willReturn(okJson("{\"customerId\":\"C-1001\",\"firstName\":\"Jane\"}")));

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.suppressed(ReasonCode.NO_CONTACT_POINT));
        http.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void suppressesWhenTheProfileIsUnknown() {
        http.stubFor(get("/internal/profiles/C-1001/contact-points").willReturn(aResponse().withStatus(404)));

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
    void givingUpAfterTheLastRetryRecordsFailedSoTheJourneyFallsBackAndNothingIsSentLater() {
        http.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> delivery.deliver(request)).isInstanceOfSatisfying(DeliveryDeferredException.class,
                e -> assertThat(e.mayHaveSent()).isFalse());

        DeliveryResult result = delivery.giveUp(request, "SMS not sent, Twilio unavailable: 503");

        assertThat(result).isEqualTo(DeliveryResult.failed(ReasonCode.PROVIDER_UNAVAILABLE, null));
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(State.FAILED));
        assertThat(outcomes.published).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(OutcomeType.FAILED);
            assertThat(outcome.reason()).isEqualTo(ReasonCode.PROVIDER_UNAVAILABLE);
        });
        // a late redelivery of the same job finds the FAILED record: no send after giving up
        twilioAccepts("SM0004");
        assertThat(delivery.deliver(request).status()).isEqualTo(DeliveryResult.Status.FAILED);
        http.verify(3, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void asksTwilioInsteadOfResendingWhenTheConnectionIsResetAfterTheRequestLeft() {
        http.stubFor(post(MESSAGES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        twilioListShows();

        assertThatThrownBy(() -> delivery.deliver(request)).isInstanceOf(DeliveryDeferredException.class)
                .hasMessageContaining("outcome uncertain")
                .hasMessageContaining("looked up again before any resend");
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        http.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo(PHONE))
                .withQueryParam("From", equalTo("BEACONBANK")));
        assertThat(outcomes.published).isEmpty();
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.uncertain()).isTrue());

        // The redelivered job asks again; still not there, so Twilio never had it: exactly one more send.
        twilioAccepts("SM0006");
        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sent("SM0006"));
        http.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
        http.verify(2, getRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void findsTheMessageAtTwilioWhenTheAnswerTimedOutAfterTwilioAcceptedIt() {
        // Twilio creates the message, then answers too late for the 2 s read timeout.
        http.stubFor(post(MESSAGES).willReturn(created("SM0007").withFixedDelay(2_500)));
        twilioListShows(listed("SM0007", PHONE, OFFER_TEXT, "sent"));

        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.sent("SM0007"));
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT);
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> {
            assertThat(entry.state()).isEqualTo(State.SENT);
            assertThat(entry.providerMessageId()).isEqualTo("SM0007");
        });
    }

    @Test
    void aWorkerKilledBetweenTwilioAcceptingAndTheLedgerUpdateNeverCausesASecondText() {
        twilioAccepts("SM0008");
        // The first worker's Twilio call goes through; the worker dies before it can record the sid.
        var dying = new TwilioClient(fixture.restClient(), twilioProperties(null), TestResilience.guard("Twilio")) {
            @Override
            public TwilioMessage send(String to, String body, String idempotencyKey) {
                super.send(to, body, idempotencyKey);
                throw new WorkerKilled();
            }
        };
        assertThatThrownBy(() -> sender(dying).deliver(request)).isInstanceOf(WorkerKilled.class);
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> {
            assertThat(entry.state()).isEqualTo(State.PENDING);
            assertThat(entry.providerMessageId()).isNull();
            assertThat(entry.uncertain()).isTrue();
        });
        twilioListShows(listed("SM0001", PHONE, "an older text", "delivered"), listed("SM0008", PHONE, OFFER_TEXT, "queued"));

        // Zeebe hands the job to another worker after the lease.
        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.sent("SM0008"));
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(outcomes.published).extracting(OfferOutcome::type).containsExactly(OutcomeType.SENT);
        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sent("SM0008"));
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void asksTwilioWhenA201BodyCannotBeRead() {
        http.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM00")));
        twilioListShows(listed("SM0009", PHONE, OFFER_TEXT, "queued"));

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sent("SM0009"));
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void honoursRetryAfterOnA429AndSendsOnce() {
        http.stubFor(post(MESSAGES).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\"}"))
                .willSetStateTo("cooled"));
        http.stubFor(post(MESSAGES).inScenario("throttled").whenScenarioStateIs("cooled").willReturn(created("SM0010")));

        long started = System.nanoTime();
        DeliveryResult result = delivery.deliver(request);

        assertThat(result).isEqualTo(DeliveryResult.sent("SM0010"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        http.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void defersWithTwiliosRetryAfterWhenItIsLongerThanAJobShouldWait() {
        http.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> delivery.deliver(request)).isInstanceOfSatisfying(DeliveryDeferredException.class,
                e -> assertThat(e.notBefore()).contains(Duration.ofSeconds(120)));
        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.uncertain()).isFalse());
    }

    @Test
    void carriesTheIdempotencyKeyInTheStatusCallbackUrl() {
        var twilio = new TwilioClient(fixture.restClient(), twilioProperties(URI.create("https://beacon.example/webhooks/twilio/status")),
                TestResilience.guard("Twilio"));
        twilioAccepts("SM0011");

        sender(twilio).deliver(request);

        http.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("StatusCallback",
                equalTo("https://beacon.example/webhooks/twilio/status?beaconKey=evt-0001/journey_salary_credited/Task_SendSmsOffer/sms")));
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
    void theTwilioCallRunsInsideASendLeaseAtConsent() {
        twilioAccepts("SM0001");

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sent("SM0001"));

        // ADR 0015: taken after the check and right before the call, given back once it is over
        assertThat(fixture.requestOrder()).filteredOn(r -> r.contains("send-leases") || r.endsWith("Messages.json"))
                .containsExactly("POST " + SenderFixture.SEND_LEASES, "POST " + MESSAGES, "DELETE " + SenderFixture.SEND_LEASES + "/lease-1");
    }

    @Test
    void aWithdrawalBetweenTheConsentCheckAndTheCallStopsTheSendAtItsLease() {
        twilioAccepts("SM0001");
        fixture.withdrawnBeforeTheCall("OPTED_OUT");

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.suppressed(ReasonCode.OPTED_OUT));

        http.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(outcomes.published).singleElement().satisfies(o -> {
            assertThat(o.type()).isEqualTo(OutcomeType.SUPPRESSED);
            assertThat(o.reason()).isEqualTo(ReasonCode.OPTED_OUT);
        });
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> {
            assertThat(entry.state()).isEqualTo(State.SUPPRESSED);
            assertThat(entry.attemptedAt()).isNull();
        });
        // a redelivered job reports the same, and still sends nothing
        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.suppressed(ReasonCode.OPTED_OUT));
        http.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aConsentServiceThatCannotGrantTheLeaseDefersTheJobWithNothingSentAndNothingUncertain() {
        twilioAccepts("SM0001");
        http.stubFor(post(urlPathEqualTo(SenderFixture.SEND_LEASES)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> delivery.deliver(request)).isInstanceOfSatisfying(DeliveryDeferredException.class, e -> {
            assertThat(e.getMessage()).contains("send lease");
            assertThat(e.mayHaveSent()).isFalse();
        });
        http.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> assertThat(entry.uncertain()).isFalse());
    }

    @Test
    void anErasedPersonsNumberIsRefusedAtTheSendLeaseWithTheNumbersBlindIndex() {
        // the number on this profile once belonged to an erased customer: profiles gives its blind index with it
        fixture.profileJson(Map.of("customerId", "C-1001", "firstName", "Jane", "language", "en-GB", "phone", "+447700900123",
                "contactTokens", Map.of("phone", "blind-index-of-the-number")));
        http.stubFor(post(urlPathEqualTo(SenderFixture.SEND_LEASES))
                .withRequestBody(matchingJsonPath("$.contactToken", equalTo("blind-index-of-the-number")))
                .willReturn(okJson("{\"allowed\":false,\"reason\":\"SUPPRESSED_CONTACT_POINT\"}")));
        twilioAccepts("SM0001");

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.suppressed(ReasonCode.SUPPRESSED_CONTACT_POINT));
        http.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(outcomes.published).singleElement().satisfies(o -> {
            assertThat(o.type()).isEqualTo(OutcomeType.SUPPRESSED);
            assertThat(o.reason()).isEqualTo(ReasonCode.SUPPRESSED_CONTACT_POINT);
        });
    }

    @Test
    void theSenderReadsConsentOnceAtItsSendLeaseAndNotBefore() {
        // the contact policy read consent when it planned the send; the send lease reads it as the last word
        http.stubFor(get(urlPathEqualTo("/api/consents/C-1001/check")).willReturn(aResponse().withStatus(503)));
        twilioAccepts("SM0001");

        assertThat(delivery.deliver(request)).isEqualTo(DeliveryResult.sent("SM0001"));
        http.verify(0, getRequestedFor(urlPathEqualTo("/api/consents/C-1001/check")));
        http.verify(1, postRequestedFor(urlPathEqualTo(SenderFixture.SEND_LEASES)));
    }

    private void consentIs(String json) {
        fixture.consentIs(json);
    }

    private static final String OFFER_TEXT = "Beacon Bank: Hi Jane, our 12-month fixed-rate deposit is available for you from £1,000.00"
            + " until 6 December 2026. Reply STOP to opt out";

    private static final class WorkerKilled extends RuntimeException {
    }

    private void twilioListShows(String... messages) {
        http.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(okJson(
                "{\"messages\":[" + String.join(",", messages) + "],\"page\":0,\"page_size\":50}")));
    }

    private static String listed(String sid, String to, String body, String status) {
        String created = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        return "{\"sid\":\"" + sid + "\",\"to\":\"" + to + "\",\"from\":\"BEACONBANK\",\"body\":\"" + body
                + "\",\"status\":\"" + status + "\",\"date_created\":\"" + created + "\"}";
    }

    private void twilioAccepts(String sid) {
        http.stubFor(post(MESSAGES).willReturn(created(sid)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"" + PHONE + "\"}");
    }
}
