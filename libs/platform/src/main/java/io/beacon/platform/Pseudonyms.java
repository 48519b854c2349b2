package io.beacon.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudonym under which records the law requires are kept after a customer's erasure (ADR 0033): {@code P-} and the
 * HMAC-SHA256 of the customer id under the bank's pseudonym key, in base64url. The same id always gives the same
 * pseudonym, so the bank, which keeps the customer id in its own records, finds the kept evidence again; without the
 * key the pseudonym cannot be linked to anyone (a plain hash could be, by hashing every customer id).
 */
public final class Pseudonyms {

    /** What every pseudonym starts with, so that a kept record reads as one. */
    public static final String PREFIX = "P-";

    private final SecretKeySpec key;

    private Pseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * @param base64Key the key, base64, at least 32 bytes ({@code openssl rand -base64 32})
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static Pseudonyms fromKey(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("beacon.crypto.pseudonym-key is required: a base64 key of at least 32 bytes");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("beacon.crypto.pseudonym-key must be base64: " + e.getMessage());
        }
        if (key.length < 32) {
            throw new IllegalArgumentException("beacon.crypto.pseudonym-key must be at least 32 bytes, not " + key.length);
        }
        return new Pseudonyms(key);
    }

    /** The customer's pseudonym. */
    public String of(String customerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
