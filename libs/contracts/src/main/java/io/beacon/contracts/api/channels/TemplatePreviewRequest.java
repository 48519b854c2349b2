package io.beacon.contracts.api.channels;

/**
 * A template to preview.
 *
 * @param productCode  the offer; may be left out for an offer's own template (its offer is the one)
 * @param locale       BCP 47 tag (en, en-GB, zh-CN, es-ES...); null for en
 * @param personalised false renders the generic variant (refused profiling); null for true
 * @param firstName    the sample customer's name; null for Jane
 * @param variant      a content variant of the offer (ADR 0026); null for the offer's own template
 * @param template     a template as a journey step's {@code template} header names it (ADR 0027); null for the offer's own
 */
public record TemplatePreviewRequest(String productCode, String locale, Boolean personalised, String firstName, String variant,
                                     String template) {

    /** The offer's own template, or a variant of it. */
    public TemplatePreviewRequest(String productCode, String locale, Boolean personalised, String firstName, String variant) {
        this(productCode, locale, personalised, firstName, variant, null);
    }
}
