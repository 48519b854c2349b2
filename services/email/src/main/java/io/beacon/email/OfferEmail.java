package io.beacon.email;

import java.net.URI;

/**
 * One rendered offer email: what the message carries, before any MIME encoding.
 *
 * @param profilingRefusalUrl the link, in both parts, that refuses profiling (PIPL Art. 24)
 */
public record OfferEmail(String subject, String text, String html, URI unsubscribeUrl, URI profilingRefusalUrl) {
}
