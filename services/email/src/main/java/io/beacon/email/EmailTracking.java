package io.beacon.email;

import io.beacon.platform.UnsubscribeTokens;
import jakarta.validation.constraints.AssertTrue;
import java.net.URI;
import java.util.Optional;

/**
 * Open and click tracking, switchable: an invisible pixel and a redirecting link per email, each carrying an opaque
 * token (AES-GCM, the same construction as the unsubscribe tokens, with its own key) of the send's idempotency key.
 * Off, the email has no pixel and links straight to the offer.
 *
 * @param baseUrl      the public URL of this service, where pixels and clicks arrive
 * @param offerBaseUrl where a click lands: the offer's page, {@code <offerBaseUrl>/<productCode>}
 * @param secret       key of the tracking tokens; from the environment
 */
public record EmailTracking(boolean enabled, URI baseUrl, URI offerBaseUrl, String secret) {

    @AssertTrue(message = "tracking is enabled: set base-url and a secret of at least 32 characters (EMAIL_TRACKING_SECRET)")
    public boolean isComplete() {
        return !enabled || (baseUrl != null && secret != null && secret.length() >= 32);
    }

    public URI offerUrl(String productCode) {
        return URI.create(slash(offerBaseUrl.toString()) + productCode);
    }

    /** The links of one email; with tracking off, the click goes straight to the offer and there is no pixel. */
    public Links links(String idempotencyKey, String productCode) {
        if (!enabled) {
            return new Links(offerUrl(productCode), null);
        }
        String token = tokens().tokenFor(idempotencyKey);
        String base = slash(baseUrl.toString());
        return new Links(URI.create(base + "t/c/" + token), URI.create(base + "t/o/" + token + ".gif"));
    }

    /** The send a token was issued for; empty for anything forged, altered or malformed. */
    public Optional<String> keyOf(String token) {
        return enabled ? tokens().customerOf(token) : Optional.empty();
    }

    private UnsubscribeTokens tokens() {
        // UnsubscribeTokens seals any text; here the send's key, under the tracking secret
        return new UnsubscribeTokens(secret);
    }

    private static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    /** @param pixel null when tracking is off */
    public record Links(URI click, URI pixel) {
    }
}
