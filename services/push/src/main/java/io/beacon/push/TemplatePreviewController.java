package io.beacon.push;

import io.beacon.delivery.ProfilesClient.Recipient;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Renders any push template for a sample customer (title, body, data); nothing is sent, no customer is read. */
@RestController
class TemplatePreviewController {

    record Preview(String productCode, String locale, Boolean personalised, String firstName) {
    }

    private final PushText text;

    TemplatePreviewController(PushText text) {
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
            var notification = text.render(preview.productCode(), new Recipient("C-SAMPLE", name, tag, "sample-token", false),
                    !Boolean.FALSE.equals(preview.personalised()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", notification.title());
            body.put("body", notification.body());
            body.put("data", notification.data());
            return ResponseEntity.ok(body);
        } catch (IllegalArgumentException e) {
            return error("/productCode", e.getMessage());
        }
    }

    private static ResponseEntity<Map<String, Object>> error(String field, String message) {
        return ResponseEntity.badRequest().body(Map.of("field", field, "message", message));
    }
}
