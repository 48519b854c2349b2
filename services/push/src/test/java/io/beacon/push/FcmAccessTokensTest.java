package io.beacon.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.beacon.contracts.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FcmAccessTokensTest {

    private static final KeyPair KEYS = rsa();

    @TempDir
    Path dir;

    @Test
    void signsAJwtBearerAssertionRs256WithTheServiceAccountKey() throws Exception {
        FcmServiceAccount account = FcmServiceAccount.read(serviceAccountFile(KEYS));
        var properties = properties(null);
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        SignedJWT jwt = SignedJWT.parse(new FcmAccessTokens(null, properties, account, null).assertion(now));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("key-1");
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) KEYS.getPublic()))).as("signed by the account's key").isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("push@beacon-local.iam.gserviceaccount.com");
        assertThat(claims.getStringClaim("scope")).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
        assertThat(claims.getAudience()).containsExactly("http://fcm/token");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(now);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(now.plusSeconds(3600));
    }

    @Test
    void refusesAServiceAccountFileThatIsNotOneWithAClearMessage() throws Exception {
        Path file = dir.resolve("sa.json");
        Files.writeString(file, "{\"type\":\"service_account\",\"client_email\":\"push@x.iam.gserviceaccount.com\",\"private_key\":\"nope\"}");

        assertThatThrownBy(() -> FcmServiceAccount.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'private_key' is not a PKCS#8 RSA key");
        Files.writeString(file, "{\"type\":\"authorized_user\"}");
        assertThatThrownBy(() -> FcmServiceAccount.read(file)).hasMessageContaining("'type' must be 'service_account'");
    }

    @Test
    void neverUsesAGeneratedSimulatorAccountWithGooglesTokenEndpoint() {
        var google = new FcmProperties(URI.create("https://fcm.googleapis.com"), "p", URI.create("https://oauth2.googleapis.com/token"),
                null, true, "push@x.iam.gserviceaccount.com", Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(google.isSimulatorAccountOnlyLocal()).isFalse();
        assertThat(properties(null).isSimulatorAccountOnlyLocal()).isTrue();
        assertThat(new FcmProperties(URI.create("http://fcm"), "p", URI.create("http://fcm/token"), null, false, null,
                Duration.ofSeconds(1), Duration.ofSeconds(1)).isServiceAccountConfigured()).isFalse();
    }

    static FcmProperties properties(Path serviceAccount) {
        return new FcmProperties(URI.create("http://fcm"), "beacon-local", URI.create("http://fcm/token"), serviceAccount, serviceAccount == null,
                "push@beacon-local.iam.gserviceaccount.com", Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    private Path serviceAccountFile(KeyPair keys) throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path file = dir.resolve("service-account.json");
        Files.writeString(file, Json.mapper().writeValueAsString(Map.of("type", "service_account", "project_id", "beacon-local",
                "private_key_id", "key-1", "private_key", pem, "client_email", "push@beacon-local.iam.gserviceaccount.com",
                "token_uri", "http://fcm/token")));
        return file;
    }

    private static KeyPair rsa() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
