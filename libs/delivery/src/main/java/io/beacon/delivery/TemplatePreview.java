package io.beacon.delivery;

import io.beacon.delivery.ProfilesClient.Recipient;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * {@code POST /api/templates/preview}: renders any of a sender's templates for a sample customer, for marketing
 * operations writing or checking messages. Nothing is sent and nothing about a real customer is read. The request is
 * checked here, once for every channel; each sender's controller says how its message renders.
 */
public abstract class TemplatePreview {

    /**
     * @param locale       BCP 47 tag (en, en-GB, zh-CN, es-ES...); default en
     * @param personalised false renders the generic variant (refused profiling)
     * @param firstName    the sample customer's name; default Jane
     * @param variant      a content variant of the offer (ADR 0026); default: the offer's own template
     * @param template     a template as a journey step's {@code template} header names it (ADR 0027); default: the offer's
     *                     own. With it, productCode may be left out for an offer's template (its offer is the one)
     */
    public record Preview(String productCode, String locale, Boolean personalised, String firstName, String variant, String template) {

        public Preview(String productCode, String locale, Boolean personalised, String firstName, String variant) {
            this(productCode, locale, personalised, firstName, variant, null);
        }
    }

    private final String sampleContactPoint;

    protected TemplatePreview(String sampleContactPoint) {
        this.sampleContactPoint = sampleContactPoint;
    }

    /**
     * The rendered message as the answer shows it; an {@link IllegalArgumentException} names a product without template.
     *
     * @param variant a content variant {@link #variants} lists, or null for the offer's own template
     */
    protected abstract Map<String, Object> render(String productCode, Recipient sample, boolean personalised, String variant, String template);

    /** The templates serving now, which a preview's {@code template} must name. */
    protected abstract MessageTemplates templates();

    /** The content variants of the offer on this channel, besides default (ADR 0026). */
    protected abstract java.util.Set<String> variants(String productCode);

    /** Why the product cannot be previewed before rendering (a sender that knows its products says so), else empty. */
    protected Optional<String> unknownProduct(String productCode) {
        return Optional.empty();
    }

    @PostMapping("/api/templates/preview")
    public ResponseEntity<Map<String, Object>> preview(@RequestBody Preview body) {
        if (body == null) {
            return error("/productCode", "is required");
        }
        String template = body.template() == null || body.template().isBlank() ? null : body.template().strip();
        Preview preview = body;
        if (template != null) {
            MessageTemplates templates = templates();
            if (!templates.knows(template)) {
                return error("/template", "'" + template + "' is no " + templates.channel().id() + " template in content version "
                        + templates.version());
            }
            if (preview.productCode() == null || preview.productCode().isBlank()) {
                Optional<String> offer = templates.offerOf(template);
                if (offer.isEmpty()) {
                    return error("/productCode", "is required for '" + template + "', which serves any offer");
                }
                preview = new Preview(offer.get(), body.locale(), body.personalised(), body.firstName(), body.variant(), template);
            }
        }
        if (preview.productCode() == null || preview.productCode().isBlank()) {
            return error("/productCode", "is required");
        }
        Optional<String> unknown = unknownProduct(preview.productCode());
        if (unknown.isPresent()) {
            return error("/productCode", unknown.get());
        }
        String tag = preview.locale() == null || preview.locale().isBlank() ? "en" : preview.locale();
        try {
            new Locale.Builder().setLanguageTag(tag);
        } catch (IllformedLocaleException e) {
            return error("/locale", "'" + tag + "' is not a BCP 47 language tag (en, zh-CN, es-ES...)");
        }
        String variant = preview.variant() == null || preview.variant().isBlank()
                || io.beacon.contracts.ContentExperiment.DEFAULT.equals(preview.variant()) ? null : preview.variant();
        if (variant != null && !variants(preview.productCode()).contains(variant)) {
            return error("/variant", "'" + variant + "' is not a content variant of " + preview.productCode() + " on this channel; known: "
                    + new java.util.TreeSet<>(variants(preview.productCode())) + " and default");
        }
        String name = preview.firstName() == null || preview.firstName().isBlank() ? "Jane" : preview.firstName();
        try {
            return ResponseEntity.ok(render(preview.productCode(), new Recipient("C-SAMPLE", name, tag, sampleContactPoint, false),
                    !Boolean.FALSE.equals(preview.personalised()), variant, template));
        } catch (IllegalArgumentException e) {
            return error(template == null ? "/productCode" : "/template", e.getMessage());
        }
    }

    private static ResponseEntity<Map<String, Object>> error(String field, String message) {
        return ResponseEntity.badRequest().body(Map.of("field", field, "message", message));
    }
}
