package io.beacon.platform;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;

/**
 * Contact points (phone, email, push token) at rest: sealed with Google Tink's AEAD (AES-256-GCM) and found again
 * through a keyed blind index (Tink PRF, HMAC-SHA256), so that an inbound STOP finds the customer by phone without
 * decrypting every profile. The same blind index is the one-way suppression token an erased person leaves behind.
 *
 * <p>The ciphertext is bound to the customer and the kind of contact point (associated data), so a value copied onto
 * another profile or field does not open. Keys are Tink JSON keysets from the environment; a keyset may hold several
 * keys: new values are sealed with the primary one and old ones still open, which is how the key is rotated. The
 * blind index key cannot be rotated that way (an index must be recomputed from the clear value): it is kept apart.
 */
public final class ContactPointProtection {

    /** The contact points Beacon keeps, by the name they have in profiles and events. */
    public static final java.util.List<String> KINDS = java.util.List.of("phone", "email", "pushToken");

    /**
     * The other personal data of a {@code bank.customer.updated} event that crosses Beacon's topics sealed (ADR 0038):
     * the name (the greeting) and the birth date (age limits, age bands).
     */
    public static final java.util.List<String> PERSONAL_FIELDS = java.util.List.of("firstName", "birthDate");

    /**
     * The CloudEvent extension intake sets on an accepted event whose personal data it sealed ({@link #sealPersonalData}):
     * its consumer opens them with {@link #openPersonalData}.
     */
    public static final String SEALED_EXTENSION = "beaconsealed";

    private final Aead aead;
    private final Prf index;

    private ContactPointProtection(Aead aead, Prf index) {
        this.aead = aead;
        this.index = index;
    }

    /**
     * @param contactPointsKeyset a Tink JSON keyset of AES-GCM keys (seals the values)
     * @param blindIndexKeyset a Tink JSON keyset of one HMAC-SHA256 PRF key (the blind index and suppression tokens)
     */
    public static ContactPointProtection fromKeysets(String contactPointsKeyset, String blindIndexKeyset) {
        try {
            AeadConfig.register();
            PrfConfig.register();
            Aead aead = parse("contact-points", contactPointsKeyset).getPrimitive(RegistryConfiguration.get(), Aead.class);
            Prf prf = parse("blind-index", blindIndexKeyset).getPrimitive(RegistryConfiguration.get(), PrfSet.class).getPrfs()
                    .values().iterator().next();
            return new ContactPointProtection(aead, prf);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the keysets do not hold the keys Beacon needs (AES-GCM for contact points, "
                    + "HMAC-SHA256 PRF for the blind index): " + e.getMessage(), e);
        }
    }

    private static KeysetHandle parse(String name, String json) throws GeneralSecurityException {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("no " + name + " keyset configured");
        }
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the " + name + " keyset is not a Tink JSON keyset", e);
        }
    }

    /** The value sealed for this customer and kind, base64. */
    public String seal(String customerId, String kind, String value) {
        try {
            return Base64.getEncoder().encodeToString(aead.encrypt(value.getBytes(StandardCharsets.UTF_8), context(customerId, kind)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a " + kind, e);
        }
    }

    /** The clear value; fails (naming only the customer and kind) for a value sealed for someone or something else. */
    public String open(String customerId, String kind, String sealed) {
        try {
            return new String(aead.decrypt(Base64.getDecoder().decode(sealed), context(customerId, kind)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the " + kind + " of customer " + customerId + " does not open with the configured keys");
        }
    }

    /**
     * A copy of a {@code bank.customer.updated} event's data with its personal data sealed for the customer: each
     * contact point and each of {@link #PERSONAL_FIELDS} (ADR 0038). What else the event says stays as it is.
     */
    public com.fasterxml.jackson.databind.node.ObjectNode sealPersonalData(String customerId, com.fasterxml.jackson.databind.JsonNode data) {
        return transformPersonalData(data, (kind, value) -> seal(customerId, kind, value));
    }

    /** The inverse of {@link #sealPersonalData}: fails, naming the customer and field, for a value that does not open. */
    public com.fasterxml.jackson.databind.node.ObjectNode openPersonalData(String customerId, com.fasterxml.jackson.databind.JsonNode data) {
        return transformPersonalData(data, (kind, value) -> open(customerId, kind, value));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode transformPersonalData(com.fasterxml.jackson.databind.JsonNode data,
                                                                                       java.util.function.BinaryOperator<String> transform) {
        var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) data).deepCopy();
        for (String field : PERSONAL_FIELDS) {
            if (copy.hasNonNull(field)) {
                copy.put(field, transform.apply(field, copy.get(field).asText()));
            }
        }
        if (copy.get("contactPoints") instanceof com.fasterxml.jackson.databind.node.ObjectNode contacts) {
            for (String kind : KINDS) {
                if (contacts.hasNonNull(kind)) {
                    contacts.put(kind, transform.apply(kind, contacts.get(kind).asText()));
                }
            }
        }
        return copy;
    }

    /** The keyed, one-way index of a contact point, after normalising it: equal for equal numbers or addresses. */
    public String blindIndex(String kind, String value) {
        try {
            byte[] input = (kind + "\u0000" + normalise(kind, value)).getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(index.compute(input, 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot index a " + kind, e);
        }
    }

    /** Phone: digits after one leading +; email: trimmed, lower case; push token: trimmed. */
    public static String normalise(String kind, String value) {
        String trimmed = value.trim();
        return switch (kind) {
            case "phone" -> (trimmed.startsWith("+") ? "+" : "") + trimmed.replaceAll("[^0-9]", "");
            case "email" -> trimmed.toLowerCase(Locale.ROOT);
            default -> trimmed;
        };
    }

    private static byte[] context(String customerId, String kind) {
        return ("beacon-contact-point\u0000" + customerId + "\u0000" + kind).getBytes(StandardCharsets.UTF_8);
    }
}
