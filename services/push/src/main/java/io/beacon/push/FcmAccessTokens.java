package io.beacon.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.delivery.ProviderUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * OAuth2 access tokens for FCM (JWT-bearer grant), cached until shortly before they expire.
 * <p>
 * Interim: the assertion is signed HS256 with a shared secret, which the local simulator accepts. Google requires an
 * RS256 assertion signed with the service account's private key; that arrives with the channels issue and changes
 * only {@link #assertion(Instant)}.
 */
public class FcmAccessTokens {

    private static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private record Cached(String token, Instant expiresAt) {
    }

    private final RestClient http;
    private final FcmProperties properties;
    private final Clock clock;
    private Cached cached;

    public FcmAccessTokens(RestClient http, FcmProperties properties, Clock clock) {
        this.http = http;
        this.properties = properties;
        this.clock = clock;
    }

    /** A valid bearer token; throws {@link ProviderUnavailableException} when the token endpoint cannot give one. */
    public synchronized String token() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cached.expiresAt().minus(SKEW))) {
            cached = fetch(now);
        }
        return cached.token();
    }

    /** FCM said 401: the cached token is no good, whatever its expiry says. */
    public synchronized void invalidate() {
        cached = null;
    }

    private Cached fetch(Instant now) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", GRANT);
        form.add("assertion", assertion(now));
        try {
            byte[] body = http.post()
                    .uri(properties.tokenUri())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .retrieve()
                    .body(byte[].class);
            JsonNode json = Json.mapper().readTree(body);
            String token = json.path("access_token").asText(null);
            if (token == null || token.isBlank()) {
                throw new ProviderUnavailableException("FCM token endpoint answered without an access_token");
            }
            return new Cached(token, now.plusSeconds(json.path("expires_in").asLong(3600)));
        } catch (RestClientException | IOException e) {
            throw new ProviderUnavailableException("FCM token endpoint unavailable: " + e.getMessage(), e);
        }
    }

    String assertion(Instant now) {
        try {
            String header = B64.encodeToString(Json.mapper().writeValueAsBytes(Map.of("alg", "HS256", "typ", "JWT")));
            String claims = B64.encodeToString(Json.mapper().writeValueAsBytes(Map.of(
                    "iss", properties.clientEmail(),
                    "scope", SCOPE,
                    "aud", properties.tokenUri().toString(),
                    "iat", now.getEpochSecond(),
                    "exp", now.plusSeconds(3600).getEpochSecond())));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.assertionSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = B64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
            return header + "." + claims + "." + signature;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the FCM token assertion", e);
        }
    }
}
