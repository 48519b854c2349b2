package io.beacon.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FcmAccessTokensTest {

    private static final String SECRET = "test-assertion-secret-test-assertion";

    @Test
    void signsAJwtBearerAssertionForTheMessagingScope() throws Exception {
        var properties = new FcmProperties(URI.create("http://fcm"), "beacon-local", URI.create("http://fcm/token"),
                "push@beacon-local.iam.gserviceaccount.com", SECRET, Duration.ofSeconds(1), Duration.ofSeconds(1));
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        String[] jwt = new FcmAccessTokens(null, properties, null).assertion(now).split("\\.");

        assertThat(jwt).hasSize(3);
        JsonNode header = Json.mapper().readTree(Base64.getUrlDecoder().decode(jwt[0]));
        JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(header.get("alg").asText()).isEqualTo("HS256");
        assertThat(claims.get("iss").asText()).isEqualTo("push@beacon-local.iam.gserviceaccount.com");
        assertThat(claims.get("scope").asText()).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
        assertThat(claims.get("aud").asText()).isEqualTo("http://fcm/token");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII)));
        assertThat(jwt[2]).isEqualTo(expected);
    }
}
