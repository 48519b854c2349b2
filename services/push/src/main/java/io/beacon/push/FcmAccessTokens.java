package io.beacon.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.beacon.contracts.Json;
import io.beacon.delivery.ProviderUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * OAuth2 access tokens for FCM: the JWT-bearer grant (RFC 7523) with an assertion signed RS256 by the service
 * account's private key (nimbus-jose-jwt), as Google's token endpoint requires; cached until shortly before they expire.
 */
public class FcmAccessTokens {

    private static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final Duration SKEW = Duration.ofSeconds(60);

    private record Cached(String token, Instant expiresAt) {
    }

    private final RestClient http;
    private final FcmProperties properties;
    private final FcmServiceAccount account;
    private final Clock clock;
    private Cached cached;

    public FcmAccessTokens(RestClient http, FcmProperties properties, FcmServiceAccount account, Clock clock) {
        this.http = http;
        this.properties = properties;
        this.account = account;
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
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(account.privateKeyId()).build();
        var claims = new JWTClaimsSet.Builder()
                .issuer(account.clientEmail())
                .claim("scope", SCOPE)
                .audience(properties.tokenUri().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(account.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the FCM token assertion", e);
        }
        return jwt.serialize();
    }
}
