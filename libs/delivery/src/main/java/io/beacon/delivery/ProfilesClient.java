package io.beacon.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Reads the customer's contact points from the profiles service at send time, never from a copy. */
public class ProfilesClient {

    /**
     * What a message needs to know of the customer; contactPoint is the asked channel's one (phone number, email
     * address or FCM registration token of their app), null when the profile has none; noProfiling when they refused
     * profiling (only generic messages).
     */
    public record Recipient(String customerId, String firstName, String language, String contactPoint, boolean noProfiling,
                            String timeZone) {

        public Recipient(String customerId, String firstName, String language, String contactPoint, boolean noProfiling) {
            this(customerId, firstName, language, contactPoint, noProfiling, null);
        }

        public Recipient(String customerId, String firstName, String language, String contactPoint) {
            this(customerId, firstName, language, contactPoint, false);
        }
    }

    private final RestClient http;

    public ProfilesClient(RestClient http) {
        this.http = http;
    }

    /** Empty when the profile is unknown (404); {@link DeliveryDeferredException} when the service cannot answer. */
    public Optional<Recipient> recipient(String customerId, Channel channel) {
        try {
            return http.get()
                    // the clear values: the senders' own endpoint (the /api one answers masked)
                    .uri("/internal/profiles/{customerId}/contact-points", customerId)
                    .exchange((request, response) -> {
                        if (response.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                            return Optional.<Recipient>empty();
                        }
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            throw new DeliveryDeferredException("profiles answered " + response.getStatusCode()
                                    + " for customer " + customerId, null);
                        }
                        JsonNode json = Json.mapper().readTree(response.getBody());
                        // A refusal of profiling (PIPL Art. 24) means the generic message, whatever the journey asked for.
                        return Optional.of(new Recipient(customerId, text(json, "firstName"), text(json, "language"),
                                text(json, channel.contactPointField()), json.path("noProfiling").asBoolean(false), text(json, "timeZone")));
                    });
        } catch (RestClientException e) {
            throw new DeliveryDeferredException("contact points of customer " + customerId + " unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Tells profiles a push token is dead (FCM UNREGISTERED), so no later send tries it. Best effort: the send has
     * already failed for good, and profiles removes the token only while it is still the profile's one.
     */
    public void forgetPushToken(String customerId, String token) {
        try {
            http.post()
                    .uri("/api/profiles/{customerId}/push-token/unregistered", customerId)
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .body(java.util.Map.of("token", token))
                    .retrieve()
                    .toBodilessEntity();
        } catch (RestClientException e) {
            // The token stays until the next refusal; the cause, not Spring's message, which could quote the body.
            LoggerFactory.getLogger(ProfilesClient.class).warn("could not remove an unregistered push token of customer {}: {}",
                    customerId, e.getMostSpecificCause().getClass().getSimpleName());
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
