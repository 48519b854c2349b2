package io.beacon.sms;

import io.beacon.contracts.api.channels.RenderedTemplate;
import io.beacon.delivery.MessageTemplates;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.delivery.TemplatePreview;
import java.util.Locale;
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
    protected RenderedTemplate render(String productCode, Recipient sample, boolean personalised, String variant, String template) {
        var rendered = text.render(productCode, sample, personalised, variant, template);
        SmsEncoding encoding = SmsEncoding.of(rendered.part("text"));
        return RenderedTemplate.sms(rendered.template(), rendered.locale().toLanguageTag(), rendered.personalised(), rendered.parts(),
                encoding.encoding().name(), encoding.units(), encoding.segments(),
                MessageTemplates.LOCALES.stream().map(Locale::toLanguageTag).toList());
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
