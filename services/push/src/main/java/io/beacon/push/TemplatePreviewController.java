package io.beacon.push;

import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.delivery.TemplatePreview;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.RestController;

/** Renders any push template for a sample customer (title, body, data); nothing is sent, no customer is read. */
@RestController
class TemplatePreviewController extends TemplatePreview {

    private final PushText text;

    TemplatePreviewController(PushText text) {
        super("sample-token");
        this.text = text;
    }

    @Override
    protected Map<String, Object> render(String productCode, Recipient sample, boolean personalised, String variant, String template) {
        var rendered = text.rendered(productCode, sample, personalised, Map.of(), variant, template);
        var notification = text.notification(rendered);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("template", rendered.template());
        body.put("locale", rendered.locale().toLanguageTag());
        body.put("personalised", rendered.personalised());
        body.put("title", notification.title());
        body.put("body", notification.body());
        body.put("data", notification.data());
        body.put("parts", rendered.parts());
        return body;
    }

    @Override
    protected io.beacon.delivery.MessageTemplates templates() {
        return text.templates();
    }

    @Override
    protected java.util.Set<String> variants(String productCode) {
        return text.variants(productCode);
    }
}
