package io.beacon.sms;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.ProviderCalls;
import io.beacon.delivery.ProviderRejectedException;
import io.beacon.delivery.ProviderUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The Twilio Messages API (2010-04-01), guarded by the Resilience4j instances named {@code twilio}: the retry sits
 * outside the circuit breaker, so every attempt counts towards the breaker and an open breaker ends the retries.
 */
public class TwilioClient {

    /** A message as Twilio knows it: sid "SM...", status queued, sent, delivered, undelivered, failed... */
    public record TwilioMessage(String sid, String status) {

        /** Twilio gave up on it; anything else means it was or will be handed to the carrier. */
        public boolean failed() {
            return "failed".equals(status) || "undelivered".equals(status) || "canceled".equals(status);
        }
    }

    // 21211 invalid 'To', 21614 not a mobile number, 21217 not a valid phone number, 21401 invalid phone number.
    private static final Set<Integer> INVALID_NUMBER = Set.of(21211, 21614, 21217, 21401);
    // The recipient replied STOP to our sender at the carrier: Twilio refuses until they reply START.
    private static final int UNSUBSCRIBED_RECIPIENT = 21610;

    private final RestClient http;
    private final TwilioProperties properties;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;

    public TwilioClient(RestClient http, TwilioProperties properties, Retry retry, CircuitBreaker circuitBreaker) {
        this.http = http;
        this.properties = properties;
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
    }

    /**
     * Sends one text. Throws {@link ProviderRejectedException} for a permanent refusal (never retried) and
     * {@link ProviderUnavailableException} once the retries are spent or the breaker is open.
     */
    public TwilioMessage send(String to, String body) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("To", to);
        form.add("From", properties.from());
        form.add("Body", body);
        if (properties.statusCallback() != null) {
            form.add("StatusCallback", properties.statusCallback().toString());
        }
        return guarded(() -> http.post()
                .uri("/2010-04-01/Accounts/{accountSid}/Messages.json", properties.accountSid())
                .headers(h -> h.setBasicAuth(properties.accountSid(), properties.authToken()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    JsonNode json = readJson(response.getBody().readAllBytes());
                    if (status.is2xxSuccessful()) {
                        return message(json);
                    }
                    if (status.isSameCodeAs(HttpStatus.BAD_REQUEST)) {
                        throw rejected(json);
                    }
                    throw new ProviderUnavailableException("Twilio answered " + status.value() + errorDetail(json));
                }));
    }

    /** Looks a message up by sid; empty when Twilio does not know it. */
    public Optional<TwilioMessage> lookup(String sid) {
        return guarded(() -> http.get()
                .uri("/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json", properties.accountSid(), sid)
                .headers(h -> h.setBasicAuth(properties.accountSid(), properties.authToken()))
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.isSameCodeAs(HttpStatus.NOT_FOUND)) {
                        return Optional.<TwilioMessage>empty();
                    }
                    JsonNode json = readJson(response.getBody().readAllBytes());
                    if (status.is2xxSuccessful()) {
                        return Optional.of(message(json));
                    }
                    throw new ProviderUnavailableException("Twilio status lookup answered " + status.value() + errorDetail(json));
                }));
    }

    private <T> T guarded(CheckedSupplier<T> call) {
        return ProviderCalls.guarded("Twilio", retry, circuitBreaker, call);
    }

    private static TwilioMessage message(JsonNode json) {
        String sid = json.path("sid").asText(null);
        if (sid == null || sid.isBlank()) {
            throw new ProviderUnavailableException("Twilio answered without a message sid");
        }
        return new TwilioMessage(sid, json.path("status").asText(null));
    }

    private static ProviderRejectedException rejected(JsonNode json) {
        int code = json.path("code").asInt(0);
        ReasonCode reason = INVALID_NUMBER.contains(code) ? ReasonCode.INVALID_CONTACT_POINT
                : code == UNSUBSCRIBED_RECIPIENT ? ReasonCode.OPTED_OUT
                : ReasonCode.PROVIDER_REJECTED;
        return new ProviderRejectedException(reason, "Twilio refused the message" + errorDetail(json));
    }

    private static String errorDetail(JsonNode json) {
        // Twilio's message can quote the number; the code and its documentation link are enough to act on.
        return json.has("code") ? " (error " + json.get("code").asText() + ")" : "";
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return body.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
