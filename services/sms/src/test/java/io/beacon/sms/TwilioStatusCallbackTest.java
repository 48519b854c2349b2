package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.Channel;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.Receipts;
import io.beacon.delivery.SenderFixture;
import io.beacon.delivery.TestResilience;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

class TwilioStatusCallbackTest {

    private static final String TOKEN = "test-token";
    private static final URI CALLBACK = URI.create("https://sms.bank.example/webhooks/twilio/status");

    @RegisterExtension
    static SenderFixture fixture = SenderFixture.forChannel(Channel.SMS, "+447700900123");

    private final DeliveryRequest request = fixture.salaryCreditedOffer();
    private TwilioClient client;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        var twilio = new TwilioProperties(fixture.baseUrl(), "ACtest", TOKEN, "BEACONBANK", CALLBACK, Duration.ofSeconds(1), Duration.ofSeconds(1));
        client = new TwilioClient(fixture.restClient(), twilio, TestResilience.guard("Twilio"));
        // through sms's own filter chain: Twilio sends no Beacon account, its signature is the check
        mvc = io.beacon.platform.ServiceApiTesting.securedMockMvc(new TwilioStatusController(twilio, client,
                new Receipts(fixture.ledger(), fixture.outcomes(), Clock.systemUTC())));
        fixture.ledger().claim(request, "+44770****0123");
        fixture.ledger().recordAccepted(request.idempotencyKey(), "SM0001", "queued");
        fixture.ledger().markSent(request.idempotencyKey());
    }

    @Test
    void publishesDeliveredForASignedReceipt() throws Exception {
        receipt(Map.of("MessageSid", "SM0001", "MessageStatus", "delivered"), true).andExpect(status().isNoContent());

        assertThat(fixture.outcomes().published).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(OutcomeType.DELIVERED);
            assertThat(outcome.channel()).isEqualTo("sms");
            assertThat(outcome.step()).isEqualTo("Task_SendSmsOffer");
            assertThat(outcome.sourceEventId()).isEqualTo("evt-0001");
            assertThat(outcome.customerId()).isEqualTo("C-1001");
        });
    }

    @Test
    void publishesFailedWithAReasonForAnUndeliveredText() throws Exception {
        receipt(Map.of("MessageSid", "SM0001", "MessageStatus", "undelivered", "ErrorCode", "30006"), true).andExpect(status().isNoContent());

        assertThat(fixture.outcomes().published).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(OutcomeType.FAILED);
            assertThat(outcome.reason()).isEqualTo(ReasonCode.INVALID_CONTACT_POINT);
            assertThat(outcome.detail()).isEqualTo("Twilio reports SM0001 as undelivered (error 30006)");
        });
    }

    @Test
    void refusesAForgedReceiptAndChangesNothing() throws Exception {
        receipt(Map.of("MessageSid", "SM0001", "MessageStatus", "delivered"), false).andExpect(status().isForbidden());

        assertThat(fixture.outcomes().published).isEmpty();
    }

    @Test
    void recordsTheSidOfASendWhoseAnswerWasLost() throws Exception {
        DeliveryRequest other = new DeliveryRequest(Channel.SMS, "C-1001", "TERM_DEPOSIT_12M", "SalaryCredited",
                "journey_salary_credited", "2251799813685250", "Task_SendSmsOffer", "evt-0002", "dec-0002");
        fixture.ledger().claim(other, "+44770****0123");
        fixture.ledger().markAttempted(other.idempotencyKey(), "fp");

        receipt(other.idempotencyKey(), Map.of("MessageSid", "SM0002", "MessageStatus", "sent"), true).andExpect(status().isNoContent());

        assertThat(fixture.ledger().find(other.idempotencyKey())).hasValueSatisfying(entry -> {
            assertThat(entry.providerMessageId()).isEqualTo("SM0002");
            assertThat(entry.uncertain()).isFalse();
        });
        assertThat(fixture.outcomes().published).extracting(OfferOutcome::type).isEmpty();
    }

    private ResultActions receipt(Map<String, String> form, boolean signed) throws Exception {
        return receipt(request.idempotencyKey(), form, signed);
    }

    private ResultActions receipt(String key, Map<String, String> form, boolean signed) throws Exception {
        var fields = new LinkedHashMap<>(form);
        fields.put("AccountSid", "ACtest");
        fields.put("To", "+447700900123");
        String signedUrl = client.statusCallbackFor(key);
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return mvc.perform(MockMvcRequestBuilders.post("/webhooks/twilio/status")
                .queryParam("beaconKey", key)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(body)
                .header("X-Twilio-Signature", signed ? TwilioSignature.of(TOKEN, signedUrl, fields) : "forged"));
    }
}
