package io.beacon.push;

import io.beacon.contracts.api.channels.RenderedTemplate;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.delivery.TemplatePreview;
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
    protected RenderedTemplate render(String productCode, Recipient sample, boolean personalised, String variant, String template) {
        var rendered = text.rendered(productCode, sample, personalised, Map.of(), variant, template);
        var notification = text.notification(rendered);
        return RenderedTemplate.push(rendered.template(), rendered.locale().toLanguageTag(), rendered.personalised(), notification.title(),
                notification.body(), notification.data(), rendered.parts());
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
