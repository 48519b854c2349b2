package io.beacon.sms;

import io.beacon.delivery.MessageTemplates;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.delivery.TemplatePreview;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders any SMS template for a sample customer, for marketing operations writing or checking texts: the text, its
 * encoding and how many segments it costs. Nothing is sent and nothing about a real customer is read.
 */
@RestController
class TemplatePreviewController extends TemplatePreview {

    private final SmsText text;

    TemplatePreviewController(SmsText text) {
        super("+440000000000");
        this.text = text;
    }

    @Override
    protected Optional<String> unknownProduct(String productCode) {
        return text.products().contains(productCode) ? Optional.empty()
                : Optional.of("'" + productCode + "' has no SMS template; one of " + text.products());
    }

    @Override
    protected Map<String, Object> render(String productCode, Recipient sample, boolean personalised, String variant, String template) {
        var rendered = text.render(productCode, sample, personalised, variant, template);
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
        return body;
    }

    @Override
    protected MessageTemplates templates() {
        return text.templates();
    }

    @Override
    protected java.util.Set<String> variants(String productCode) {
        return text.variants(productCode);
    }
}
