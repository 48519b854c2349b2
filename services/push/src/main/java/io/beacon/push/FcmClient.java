package io.beacon.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.HttpClients;
import io.beacon.delivery.ProviderGuard;
import io.beacon.delivery.ProviderOutcomeUnknownException;
import io.beacon.delivery.ProviderRejectedException;
import io.beacon.delivery.ProviderUnavailableException;
import io.beacon.push.PushText.Notification;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * FCM HTTP v1 {@code messages:send}, guarded by the Resilience4j instances named {@code fcm}
 * ({@link ProviderGuard}: retry honouring Retry-After, rate limiter, bulkhead, circuit breaker).
 */
public class FcmClient {

    /** FCM answered UNREGISTERED: the app is gone from that device, the token will never work again. */
    public static class UnregisteredTokenException extends ProviderRejectedException {
        public UnregisteredTokenException(String message) {
            super(ReasonCode.PROVIDER_REJECTED, message);
        }
    }

    private final RestClient http;
    private final FcmProperties properties;
    private final FcmAccessTokens tokens;
    private final ProviderGuard guard;

    public FcmClient(RestClient http, FcmProperties properties, FcmAccessTokens tokens, ProviderGuard guard) {
        this.http = http;
        this.properties = properties;
        this.tokens = tokens;
        this.guard = guard;
    }

    /**
     * Sends one notification and returns FCM's message name. Throws {@link ProviderRejectedException} for a permanent
     * refusal (UNREGISTERED, invalid token) and {@link ProviderUnavailableException} once the retries are spent.
     */
    public String send(String registrationToken, Notification notification) {
        Map<String, Object> payload = Map.of("message", Map.of(
                "token", registrationToken,
                "notification", Map.of("title", notification.title(), "body", notification.body()),
                "data", notification.data()));
        return guard.send(() -> {
            String bearer = tokens.token();
            return http.post()
                    .uri("/v1/projects/{projectId}/messages:send", properties.projectId())
                    .headers(h -> h.setBearerAuth(bearer))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Json.mapper().writeValueAsBytes(payload))
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        byte[] body = response.getBody().readAllBytes();
                        if (status == 200) {
                            // FCM took something, but without a readable name nothing proves what: not resent.
                            String name = readJsonOrNull(body) == null ? null : readJsonOrNull(body).path("name").asText(null);
                            if (name == null || name.isBlank()) {
                                throw new ProviderOutcomeUnknownException("FCM answered 200 without a readable message name", null);
                            }
                            return name;
                        }
                        JsonNode json = readJson(body);
                        String code = errorCode(json);
                        if (status == 401) {
                            // Revoked or expired early: the next attempt fetches a fresh token.
                            tokens.invalidate();
                            throw new ProviderUnavailableException("FCM refused the access token (401)");
                        }
                        if ("UNREGISTERED".equals(code)) {
                            throw new UnregisteredTokenException("FCM refused the message: " + status + " " + code);
                        }
                        if (status == 404 || status == 400 || status == 403) {
                            throw new ProviderRejectedException(ReasonCode.PROVIDER_REJECTED,
                                    "FCM refused the message: " + status + " " + code);
                        }
                        if (HttpClients.gatewayTimedOut(response.getStatusCode())) {
                            throw new ProviderOutcomeUnknownException("FCM's gateway answered 504 after the request reached it", null);
                        }
                        throw new ProviderUnavailableException("FCM answered " + status + " " + code,
                                HttpClients.retryAfter(response.getHeaders()), null);
                    });
        });
    }

    private static JsonNode readJsonOrNull(byte[] body) {
        try {
            return body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The FcmError code when FCM gives one (UNREGISTERED, QUOTA_EXCEEDED...), else the Google RPC status. */
    private static String errorCode(JsonNode json) {
        JsonNode error = json.path("error");
        for (JsonNode detail : error.path("details")) {
            if (detail.hasNonNull("errorCode")) {
                return detail.get("errorCode").asText();
            }
        }
        return error.path("status").asText("");
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return body.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
