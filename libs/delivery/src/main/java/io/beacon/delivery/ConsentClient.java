package io.beacon.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ReasonCode;
import java.io.IOException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the consent service, right before dispatch, whether marketing on the channel is still allowed; and takes the
 * send lease around each provider attempt (the opt-out fence, ADR 0015).
 */
public class ConsentClient {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsentClient.class);

    /** The consent service's answer; reason is set when not allowed. */
    public record ConsentCheck(boolean allowed, ReasonCode reason) {
    }

    private final RestClient http;

    public ConsentClient(RestClient http) {
        this.http = http;
    }

    /** Throws {@link DeliveryDeferredException} when the service cannot answer: without an answer nothing is sent. */
    public ConsentCheck check(String customerId, Channel channel) {
        try {
            byte[] body = http.get()
                    .uri("/api/consents/{customerId}/check?channel={channel}&purpose=marketing", customerId, channel.id())
                    .retrieve()
                    .body(byte[].class);
            JsonNode json = Json.mapper().readTree(body);
            boolean allowed = json.path("allowed").asBoolean(false);
            ReasonCode reason = json.hasNonNull("reason") ? ReasonCode.valueOf(json.get("reason").asText()) : null;
            // A refusal without a reason still must not be sent; NO_CONSENT is the conservative reading.
            return new ConsentCheck(allowed, allowed ? null : (reason == null ? ReasonCode.NO_CONSENT : reason));
        } catch (RestClientException | IOException | IllegalArgumentException e) {
            throw new DeliveryDeferredException("consent check for customer " + customerId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Takes a send lease for one provider attempt: the consent service records it, then checks consent, so that an
     * opt-out either is seen here or waits for this lease before it is acknowledged. Throws {@link SendRefusedException}
     * when consent is withdrawn (nothing may be sent) and {@link DeliveryDeferredException} when the service cannot answer.
     */
    public SendGate.Lease openSend(String customerId, Channel channel, String idempotencyKey) {
        JsonNode json;
        try {
            byte[] body = http.post()
                    .uri("/api/consents/{customerId}/send-leases", customerId)
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .body(java.util.Map.of("channel", channel.id(), "purpose", "marketing", "key", idempotencyKey))
                    .retrieve()
                    .body(byte[].class);
            json = Json.mapper().readTree(body);
        } catch (RestClientException | IOException e) {
            throw new DeliveryDeferredException("send lease for customer " + customerId + " not granted, consent unavailable: "
                    + e.getMessage(), e);
        }
        if (!json.path("allowed").asBoolean(false)) {
            ReasonCode reason = ReasonCode.NO_CONSENT;
            try {
                reason = json.hasNonNull("reason") ? ReasonCode.valueOf(json.get("reason").asText()) : reason;
            } catch (IllegalArgumentException unknown) {
                // NO_CONSENT, the conservative reading
            }
            throw new SendRefusedException(reason, channel.label() + " " + idempotencyKey + " refused at its send lease: " + reason);
        }
        String lease = json.path("lease").asText();
        return () -> closeSend(customerId, lease);
    }

    /** Gives a lease back; best effort: one not given back runs out at the consent service (beacon.consent.send-lease). */
    private void closeSend(String customerId, String lease) {
        try {
            http.delete().uri("/api/consents/{customerId}/send-leases/{lease}", customerId, lease).retrieve().toBodilessEntity();
        } catch (RestClientException e) {
            log.warn("send lease {} of customer {} not given back ({}); an opt-out in the meantime waits until it runs out", lease,
                    customerId, e.getMostSpecificCause().getClass().getSimpleName());
        }
    }
}
