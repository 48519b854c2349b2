package io.beacon.email;

import io.beacon.contracts.api.channels.RenderedTemplate;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.delivery.TemplatePreview;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders any email template, in its layout, for a sample customer (subject, text and HTML parts); nothing is sent,
 * no customer is read. The unsubscribe and tracking links are made for the sample, so they work on nothing real.
 */
@RestController
class TemplatePreviewController extends TemplatePreview {

    private final EmailText text;

    TemplatePreviewController(EmailText text) {
        super("sample@example.com");
        this.text = text;
    }

    @Override
    protected RenderedTemplate render(String productCode, Recipient sample, boolean personalised, String variant, String template) {
        EmailText.Composed composed = text.compose(productCode, sample, personalised, "preview/C-SAMPLE/" + productCode + "/email", variant, template);
        OfferEmail email = composed.email();
        return RenderedTemplate.email(composed.rendered().template(), composed.rendered().locale().toLanguageTag(),
                composed.rendered().personalised(), email.subject(), email.text(), email.html());
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
