package io.beacon.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque token in every unsubscribe link: base64url (no padding) of HMAC-SHA256 over the UTF-8 customer id, keyed
 * with {@code beacon.email.unsubscribe-secret}. Unguessable without the key, and an altered token matches no customer.
 * Verification belongs to the consent service (a later issue), which must compute the same function with the same key.
 */
public class UnsubscribeTokens {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public UnsubscribeTokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String tokenFor(String customerId) {
        try {
            // A Mac is not thread-safe, and creating one is cheap next to an SMTP round trip.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
