package io.beacon.consent;

import io.beacon.contracts.ConsentChange;
import io.beacon.platform.UnsubscribeTokens;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One-click unsubscribe (RFC 8058): a {@code POST} of {@code List-Unsubscribe=One-Click} to the link in the email's
 * {@code List-Unsubscribe} header withdraws email marketing, with no cookie and no login; the opaque token names the
 * customer. {@code GET} on the same link (the visible link in the email) shows a one-page confirmation.
 */
@RestController
class UnsubscribeController {

    private static final Logger audit = LoggerFactory.getLogger("io.beacon.consent.audit");

    private final UnsubscribeTokens tokens;
    private final ConsentChanges changes;

    UnsubscribeController(UnsubscribeTokens tokens, ConsentChanges changes) {
        this.tokens = tokens;
        this.changes = changes;
    }

    @PostMapping(path = "/unsubscribe/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> oneClick(@PathVariable String token,
                                    @RequestParam(name = "List-Unsubscribe", required = false) String listUnsubscribe,
                                    @RequestParam(name = "profiling", required = false) String profiling) {
        var customer = tokens.customerOf(token);
        if (customer.isEmpty()) {
            audit.warn("unsubscribe refused: the token is not one Beacon issued");
            return page(HttpStatus.BAD_REQUEST, "This unsubscribe link is not valid",
                    "The link may have been altered. Nothing was changed. Use the link in the email itself, or contact the bank.");
        }
        if (!"One-Click".equals(listUnsubscribe)) {
            audit.warn("unsubscribe refused for customer {}: body is not List-Unsubscribe=One-Click", customer.get());
            return page(HttpStatus.BAD_REQUEST, "Unsubscribe request not understood",
                    "A one-click unsubscribe posts List-Unsubscribe=One-Click. Nothing was changed.");
        }
        Instant now = Instant.now();
        changes.record("unsubscribe " + UUID.randomUUID(), new ConsentChange(customer.get(), "email", "marketing", false, "/email/one-click", now), "CONSENT");
        if ("refuse".equals(profiling)) {
            changes.record("unsubscribe " + UUID.randomUUID(), new ConsentChange(customer.get(), "all", "profiling", false, "/email/one-click", now), "CONSENT");
        }
        return page(HttpStatus.OK, "You are unsubscribed", "You will receive no more marketing emails from us."
                + ("refuse".equals(profiling) ? " We will no longer use your personal data to choose offers for you." : ""));
    }

    @GetMapping(path = "/unsubscribe/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@PathVariable String token) {
        if (tokens.customerOf(token).isEmpty()) {
            audit.warn("unsubscribe page refused: the token is not one Beacon issued");
            return page(HttpStatus.BAD_REQUEST, "This unsubscribe link is not valid", "Nothing was changed.");
        }
        String form = """
                <form method="post">
                  <input type="hidden" name="List-Unsubscribe" value="One-Click">
                  <p><label><input type="checkbox" name="profiling" value="refuse"> Also stop using my personal data to choose offers for me (I will only see general offers)</label></p>
                  <p><button type="submit">Unsubscribe from marketing emails</button></p>
                </form>""";
        return page(HttpStatus.OK, "Unsubscribe from marketing emails", form);
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body><h1>" + title + "</h1>" + (body.startsWith("<") ? body : "<p>" + body + "</p>") + "</body></html>";
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }
}
