package io.beacon.email;

import java.net.URI;

/** One rendered offer email: what the message carries, before any MIME encoding. */
public record OfferEmail(String subject, String text, String html, URI unsubscribeUrl) {
}
