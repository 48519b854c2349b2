package io.beacon.sms;

import io.beacon.delivery.MessageTemplates;
import io.beacon.delivery.MessageTemplates.Rendered;
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
 * Renders any SMS template for a sample customer, for marketing operations writing or checking texts: the text, its
 * encoding and how many segments it costs. Nothing is sent and nothing about a real customer is read.
 */
@RestController
class TemplatePreviewController {

    /**
     * @param locale       BCP 47 tag (en, en-GB, zh-CN, es-ES...); default en
     * @param personalised false renders the generic variant (refused profiling)
     * @param firstName    the sample customer's name; default a sample per locale
     */
    record Preview(String productCode, String locale, Boolean personalised, String firstName) {
    }

    private final SmsText text;

    TemplatePreviewController(SmsText text) {
        this.text = text;
    }

    @PostMapping("/api/templates/preview")
    ResponseEntity<Map<String, Object>> preview(@RequestBody Preview preview) {
        if (preview == null || preview.productCode() == null || preview.productCode().isBlank()) {
            return error("/productCode", "is required; one of " + text.products());
        }
        if (!text.products().contains(preview.productCode())) {
            return error("/productCode", "'" + preview.productCode() + "' has no SMS template; one of " + text.products());
        }
        String tag = preview.locale() == null || preview.locale().isBlank() ? "en" : preview.locale();
        try {
            new Locale.Builder().setLanguageTag(tag);
        } catch (IllformedLocaleException e) {
            return error("/locale", "'" + tag + "' is not a BCP 47 language tag (en, zh-CN, es-ES...)");
        }
        String name = preview.firstName() == null || preview.firstName().isBlank() ? "Jane" : preview.firstName();
        var sample = new Recipient("C-SAMPLE", name, tag, "+440000000000", false);
        Rendered rendered;
        try {
            rendered = text.render(preview.productCode(), sample, !Boolean.FALSE.equals(preview.personalised()));
        } catch (IllegalArgumentException e) {
            return error("/productCode", e.getMessage());
        }
        SmsEncoding encoding = SmsEncoding.of(rendered.part("text"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("template", rendered.template());
        body.put("locale", rendered.locale().toLanguageTag());
        body.put("personalised", rendered.personalised());
        body.put("parts", rendered.parts());
        body.put("encoding", encoding.encoding().name());
        body.put("units", encoding.units());
        body.put("segments", encoding.segments());
        body.put("locales", MessageTemplates.LOCALES.stream().map(Locale::toLanguageTag).toList());
        return ResponseEntity.ok(body);
    }

    private static ResponseEntity<Map<String, Object>> error(String field, String message) {
        return ResponseEntity.badRequest().body(Map.of("field", field, "message", message));
    }
}
