package io.beacon.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The Google service account FCM tokens are asked for with: its e-mail (the assertion's issuer), key id and RSA private
 * key, read from the JSON file Google issues ({@code type: service_account}).
 */
public record FcmServiceAccount(String clientEmail, String privateKeyId, RSAPrivateKey privateKey) {

    /** Reads a service account file; a clear message names the file and what is wrong with it. */
    public static FcmServiceAccount read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("FCM service account file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static FcmServiceAccount parse(String json, String source) {
        JsonNode account;
        try {
            account = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("FCM service account " + source + " is not JSON", e);
        }
        if (!"service_account".equals(account.path("type").asText())) {
            throw new IllegalArgumentException("FCM service account " + source + ": 'type' must be 'service_account'");
        }
        String email = required(account, "client_email", source);
        String pem = required(account, "private_key", source);
        try {
            String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
            var key = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new FcmServiceAccount(email, account.path("private_key_id").asText(null), key);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("FCM service account " + source + ": 'private_key' is not a PKCS#8 RSA key in PEM", e);
        }
    }

    /**
     * A throw-away account for the local FCM simulator, which does not check signatures: a fresh RSA key each start,
     * so no private key, not even a dev one, lives in the repository.
     */
    public static FcmServiceAccount generatedForSimulator(String clientEmail) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new FcmServiceAccount(clientEmail, "local-simulator", (RSAPrivateKey) generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    private static String required(JsonNode account, String field, String source) {
        String value = account.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("FCM service account " + source + ": '" + field + "' is missing");
        }
        return value;
    }
}
