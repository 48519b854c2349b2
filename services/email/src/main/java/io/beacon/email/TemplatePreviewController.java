package io.beacon.email;

import io.beacon.delivery.ProfilesClient.Recipient;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders any email template, in its layout, for a sample customer (subject, text and HTML parts); nothing is sent,
 * no customer is read. The unsubscribe and tracking links are made for the sample, so they work on nothing real.
 */
@RestController
class TemplatePreviewController {

    record Preview(String productCode, String locale, Boolean personalised, String firstName) {
    }

    private final EmailText text;

    TemplatePreviewController(EmailText text) {
        this.text = text;
    }

    @PostMapping("/api/templates/preview")
    ResponseEntity<Map<String, Object>> preview(@RequestBody Preview preview) {
        if (preview == null || preview.productCode() == null || preview.productCode().isBlank()) {
            return error("/productCode", "is required");
        }
        String tag = preview.locale() == null || preview.locale().isBlank() ? "en" : preview.locale();
        try {
            new Locale.Builder().setLanguageTag(tag);
        } catch (IllformedLocaleException e) {
            return error("/locale", "'" + tag + "' is not a BCP 47 language tag (en, zh-CN, es-ES...)");
        }
        String name = preview.firstName() == null || preview.firstName().isBlank() ? "Jane" : preview.firstName();
        try {
            OfferEmail email = text.render(preview.productCode(), new Recipient("C-SAMPLE", name, tag, "sample@example.com", false),
                    !Boolean.FALSE.equals(preview.personalised()), "preview/C-SAMPLE/" + preview.productCode() + "/email");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("subject", email.subject());
            body.put("text", email.text());
            body.put("html", email.html());
            return ResponseEntity.ok(body);
        } catch (IllegalArgumentException e) {
            return error("/productCode", e.getMessage());
        }
    }

    private static ResponseEntity<Map<String, Object>> error(String field, String message) {
        return ResponseEntity.badRequest().body(Map.of("field", field, "message", message));
    }
}
