package io.beacon.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque token in every unsubscribe link (RFC 8058): the customer id sealed with AES-256-GCM under a key derived
 * from {@code secret}, base64url without padding. Unguessable and tamper-evident: a forged or altered token fails
 * the GCM tag and names no customer. The nonce is an HMAC of the customer id (a synthetic IV), so a customer's token
 * is stable across messages and a nonce is only ever reused with the same plaintext. Email issues tokens, the
 * consent service opens them; both hold the same secret.
 */
public class UnsubscribeTokens {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String secret;
    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec nonceKey;

    public UnsubscribeTokens(String secret) {
        this(secret, "beacon-unsubscribe");
    }

    private UnsubscribeTokens(String secret, String purpose) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the unsubscribe secret must be at least 32 characters");
        }
        this.secret = secret;
        this.encryptionKey = new SecretKeySpec(derive(secret, purpose + "-encryption"), "AES");
        this.nonceKey = new SecretKeySpec(derive(secret, purpose + "-nonce"), "HmacSHA256");
    }

    /**
     * The tokens of the link in every marketing email that refuses profiling (PIPL Art. 24): the same secret, keys
     * derived for that purpose alone, so an unsubscribe token does not open as a profiling token, nor the other way.
     */
    public UnsubscribeTokens profilingRefusal() {
        return new UnsubscribeTokens(secret, "beacon-profiling-refusal");
    }

    public String tokenFor(String customerId) {
        try {
            byte[] plaintext = customerId.getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nonceKey);
            byte[] nonce = Arrays.copyOf(mac.doFinal(plaintext), NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM and HmacSHA256 are part of every JDK", e);
        }
    }

    /** The customer a token was issued for; empty for anything forged, altered or malformed. */
    public Optional<String> customerOf(String token) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length <= NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            byte[] plaintext = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(new String(plaintext, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] derive(String secret, String purpose) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(purpose.getBytes(StandardCharsets.UTF_8));
            return sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
