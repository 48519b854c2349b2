package io.beacon.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ReasonCode;
import java.io.IOException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Asks the consent service, right before dispatch, whether marketing on the channel is still allowed. */
public class ConsentClient {

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
}
