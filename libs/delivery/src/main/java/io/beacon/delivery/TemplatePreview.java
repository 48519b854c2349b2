package io.beacon.delivery;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.channels.RenderedTemplate;
import io.beacon.contracts.api.channels.TemplatePreviewApi;
import io.beacon.contracts.api.channels.TemplatePreviewRequest;
import io.beacon.delivery.ProfilesClient.Recipient;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/templates/preview}: renders any of a sender's templates for a sample customer, for marketing
 * operations writing or checking messages. Nothing is sent and nothing about a real customer is read. The request is
 * checked here, once for every channel; each sender's controller says how its message renders.
 */
public abstract class TemplatePreview implements TemplatePreviewApi {

    private final String sampleContactPoint;

    protected TemplatePreview(String sampleContactPoint) {
        this.sampleContactPoint = sampleContactPoint;
    }

    /**
     * The rendered message as the answer shows it; an {@link IllegalArgumentException} names a product without template.
     *
     * @param variant a content variant {@link #variants} lists, or null for the offer's own template
     */
    protected abstract RenderedTemplate render(String productCode, Recipient sample, boolean personalised, String variant, String template);

    /** The templates serving now, which a preview's {@code template} must name. */
    protected abstract MessageTemplates templates();

    /** The content variants of the offer on this channel, besides default (ADR 0026). */
    protected abstract java.util.Set<String> variants(String productCode);

    /** Why the product cannot be previewed before rendering (a sender that knows its products says so), else empty. */
    protected Optional<String> unknownProduct(String productCode) {
        return Optional.empty();
    }

    @Override
    public RenderedTemplate preview(TemplatePreviewRequest body) {
        if (body == null) {
            throw error("/productCode", "is required");
        }
        String template = body.template() == null || body.template().isBlank() ? null : body.template().strip();
        TemplatePreviewRequest preview = body;
        if (template != null) {
            MessageTemplates templates = templates();
            if (!templates.knows(template)) {
                throw error("/template", "'" + template + "' is no " + templates.channel().id() + " template in content version "
                        + templates.version());
            }
            if (preview.productCode() == null || preview.productCode().isBlank()) {
                Optional<String> offer = templates.offerOf(template);
                if (offer.isEmpty()) {
                    throw error("/productCode", "is required for '" + template + "', which serves any offer");
                }
                preview = new TemplatePreviewRequest(offer.get(), body.locale(), body.personalised(), body.firstName(), body.variant(), template);
            }
        }
        if (preview.productCode() == null || preview.productCode().isBlank()) {
            throw error("/productCode", "is required");
        }
        Optional<String> unknown = unknownProduct(preview.productCode());
        if (unknown.isPresent()) {
            throw error("/productCode", unknown.get());
        }
        String tag = preview.locale() == null || preview.locale().isBlank() ? "en" : preview.locale();
        try {
            new Locale.Builder().setLanguageTag(tag);
        } catch (IllformedLocaleException e) {
            throw error("/locale", "'" + tag + "' is not a BCP 47 language tag (en, zh-CN, es-ES...)");
        }
        String variant = preview.variant() == null || preview.variant().isBlank()
                || io.beacon.contracts.ContentExperiment.DEFAULT.equals(preview.variant()) ? null : preview.variant();
        if (variant != null && !variants(preview.productCode()).contains(variant)) {
            throw error("/variant", "'" + variant + "' is not a content variant of " + preview.productCode() + " on this channel; known: "
                    + new java.util.TreeSet<>(variants(preview.productCode())) + " and default");
        }
        String name = preview.firstName() == null || preview.firstName().isBlank() ? "Jane" : preview.firstName();
        try {
            return render(preview.productCode(), new Recipient("C-SAMPLE", name, tag, sampleContactPoint, false),
                    !Boolean.FALSE.equals(preview.personalised()), variant, template);
        } catch (IllegalArgumentException e) {
            throw error(template == null ? "/productCode" : "/template", e.getMessage());
        }
    }

    /** 400, naming the field that is wrong. */
    private static ApiProblem.Invalid error(String field, String message) {
        return ApiProblem.Invalid.field(field, message);
    }
}
