package io.beacon.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque token in every unsubscribe link (RFC 8058): the customer id sealed with AES-256-GCM under a key derived
 * from a secret, base64url without padding. Unguessable and tamper-evident: a forged or altered token fails the GCM
 * tag and names no customer. The nonce is an HMAC of the customer id (a synthetic IV), so a customer's token is stable
 * across messages and a nonce is only ever reused with the same plaintext. Email issues tokens, the consent service
 * opens them; both hold the same keyring.
 * <p>
 * The keyring (ADR 0034): the newest key signs; every key listed opens tokens until its retirement date, so links in
 * emails already sent keep working after a rotation. A key that stopped signing must stay at least
 * {@link #LINK_LIFETIME} (the time an unsubscribe link has to keep working after the send), which is checked when the
 * keyring is built. Past its retirement date a key opens nothing: such a link has expired.
 */
public class UnsubscribeTokens {

    /** How long an unsubscribe link must keep working after the email was sent. */
    public static final Duration LINK_LIFETIME = Duration.ofDays(30);

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String UNSUBSCRIBE = "beacon-unsubscribe";

    /**
     * One secret of the keyring.
     *
     * @param secret  at least 32 characters; from the environment
     * @param since   when it began signing: the newest signs
     * @param retires when it stops opening tokens; null while it is the newest (a key that signs never retires)
     */
    public record Key(String secret, Instant since, Instant retires) {
    }

    private record Sealer(SecretKeySpec encryptionKey, SecretKeySpec nonceKey, Instant retires) {
    }

    private final List<Key> keys;
    private final List<Sealer> sealers;
    private final Clock clock;

    /** One secret that never retires. */
    public UnsubscribeTokens(String secret) {
        this(List.of(new Key(secret, Instant.EPOCH, null)), Clock.systemUTC());
    }

    /**
     * @throws IllegalArgumentException naming the key for a secret under 32 characters, no key, a key without
     *                                  {@code since}, the newest with a retirement date, or an older key that retires
     *                                  less than {@link #LINK_LIFETIME} after the next one began signing
     */
    public UnsubscribeTokens(List<Key> keys, Clock clock) {
        this(keys, clock, UNSUBSCRIBE);
    }

    private UnsubscribeTokens(List<Key> keys, Clock clock, String purpose) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("the unsubscribe keyring has no key");
        }
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            if (key.secret() == null || key.secret().length() < 32) {
                throw new IllegalArgumentException("unsubscribe key " + i + ": the secret must be at least 32 characters");
            }
            if (key.since() == null) {
                throw new IllegalArgumentException("unsubscribe key " + i + ": since (when it began signing) is missing");
            }
        }
        List<Key> newestFirst = keys.stream().sorted(Comparator.comparing(Key::since).reversed()).toList();
        if (newestFirst.getFirst().retires() != null) {
            throw new IllegalArgumentException("unsubscribe key " + keys.indexOf(newestFirst.getFirst())
                    + ": the newest key signs every new link and cannot have a retirement date");
        }
        for (int i = 1; i < newestFirst.size(); i++) {
            Key older = newestFirst.get(i);
            Instant stoppedSigning = newestFirst.get(i - 1).since();
            if (older.retires() == null || older.retires().isBefore(stoppedSigning.plus(LINK_LIFETIME))) {
                throw new IllegalArgumentException("unsubscribe key " + keys.indexOf(older) + ": retires " + older.retires()
                        + ", but links it signed until " + stoppedSigning + " must keep working " + LINK_LIFETIME.toDays()
                        + " days: a retirement date on or after " + stoppedSigning.plus(LINK_LIFETIME) + " is needed");
            }
        }
        this.keys = List.copyOf(keys);
        this.clock = clock;
        var sealers = new ArrayList<Sealer>();
        for (Key key : newestFirst) {
            sealers.add(new Sealer(new SecretKeySpec(derive(key.secret(), purpose + "-encryption"), "AES"),
                    new SecretKeySpec(derive(key.secret(), purpose + "-nonce"), "HmacSHA256"), key.retires()));
        }
        this.sealers = List.copyOf(sealers);
    }

    /**
     * The tokens of the link in every marketing email that refuses profiling (PIPL Art. 24): the same keyring, keys
     * derived for that purpose alone, so an unsubscribe token does not open as a profiling token, nor the other way.
     */
    public UnsubscribeTokens profilingRefusal() {
        return new UnsubscribeTokens(keys, clock, "beacon-profiling-refusal");
    }

    /** The token under the newest key. */
    public String tokenFor(String customerId) {
        Sealer signing = sealers.getFirst();
        try {
            byte[] plaintext = customerId.getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(signing.nonceKey());
            byte[] nonce = Arrays.copyOf(mac.doFinal(plaintext), NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, signing.encryptionKey(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM and HmacSHA256 are part of every JDK", e);
        }
    }

    /** The customer a token was issued for; empty for anything forged, altered, malformed, or under a retired key. */
    public Optional<String> customerOf(String token) {
        Instant now = clock.instant();
        return sealers.stream().filter(s -> s.retires() == null || now.isBefore(s.retires()))
                .map(s -> open(s, token)).flatMap(Optional::stream).findFirst();
    }

    /** Whether a token that does not open was issued under a key retired since: the link expired, it was not forged. */
    public boolean expired(String token) {
        Instant now = clock.instant();
        return customerOf(token).isEmpty() && sealers.stream()
                .filter(s -> s.retires() != null && !now.isBefore(s.retires())).anyMatch(s -> open(s, token).isPresent());
    }

    private static Optional<String> open(Sealer sealer, String token) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length <= NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealer.encryptionKey(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
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
