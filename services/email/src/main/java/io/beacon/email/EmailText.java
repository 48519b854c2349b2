package io.beacon.email;

import io.beacon.delivery.Channel;
import io.beacon.delivery.ContentFiles;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.MessageTemplates;
import io.beacon.delivery.MessageTemplates.Rendered;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.platform.UnsubscribeTokens;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.web.util.HtmlUtils;

/**
 * The offer email: subject and plain-text part (and an HTML part of its own, when a template has one) from the email
 * templates of the content folder ({@code content/email/<locale>.yml}), inside a layout whose words are content too
 * ({@code content/email/layout/<locale>.yml}, ADR 0027) but whose links are not: the call to action (tracked when
 * tracking is on), the bank's name and postal address (marketing must be identifiable), the unsubscribe link the
 * List-Unsubscribe header also carries, the link that refuses profiling (PIPL Art. 24: offered in every email), and the
 * pixel. Every template is composed at load for a sample customer, and a set whose email would lack a plain-text part
 * or either link in it is refused.
 */
public class EmailText {

    /** The layout's words, in the order they may use each other. */
    static final List<String> LAYOUT_WORDS = List.of("call-to-action", "postal-address", "footer", "unsubscribe-text", "unsubscribe-link",
            "profiling-text", "profiling-link");
    static final Set<String> LAYOUT_VARIABLES = Set.of("unsubscribeUrl", "profilingUrl");
    private static final Set<String> PARTS = Set.of("subject", "text", "html");
    private static final URI SAMPLE_UNSUBSCRIBE = URI.create("https://unsubscribe.example/SAMPLE-UNSUBSCRIBE-TOKEN");
    private static final URI SAMPLE_PROFILING = URI.create("https://profiling.example/SAMPLE-PROFILING-TOKEN?lang=en");

    /** A rendered template and the email made of it, for the preview. */
    public record Composed(Rendered rendered, OfferEmail email) {
    }

    private final Supplier<MessageTemplates> templates;
    private final URI unsubscribeBaseUrl;
    private final URI profilingRefusalBaseUrl;
    private final UnsubscribeTokens tokens;
    private final UnsubscribeTokens profilingTokens;
    private final EmailTracking tracking;
    private final Clock clock;

    /**
     * @param templates the set serving now ({@link io.beacon.delivery.LiveTemplates#current})
     * @param tracking  links and pixel of each email; null or off: the link goes straight to the offer, no pixel
     */
    public EmailText(Supplier<MessageTemplates> templates, URI unsubscribeBaseUrl, URI profilingRefusalBaseUrl, UnsubscribeTokens tokens,
                     EmailTracking tracking, Clock clock) {
        this.templates = templates;
        this.unsubscribeBaseUrl = unsubscribeBaseUrl;
        this.profilingRefusalBaseUrl = profilingRefusalBaseUrl;
        this.tokens = tokens;
        this.profilingTokens = tokens.profilingRefusal();
        this.tracking = tracking;
        this.clock = clock;
    }

    /** A fixed set read from a content tree. @throws io.beacon.delivery.TemplateRejectedException naming every problem */
    public static EmailText load(ContentFiles content, String bankName, URI unsubscribeBaseUrl, URI profilingRefusalBaseUrl,
                                 UnsubscribeTokens tokens, EmailTracking tracking, Clock clock) {
        MessageTemplates loaded = templates(content, bankName);
        return new EmailText(() -> loaded, unsubscribeBaseUrl, profilingRefusalBaseUrl, tokens, tracking, clock);
    }

    /** The email load with its own rules. @throws io.beacon.delivery.TemplateRejectedException naming every problem */
    public static MessageTemplates templates(ContentFiles content, String bankName) {
        var layout = new MessageTemplates.Layout(LAYOUT_WORDS, LAYOUT_VARIABLES,
                Map.of("unsubscribeUrl", SAMPLE_UNSUBSCRIBE.toString(), "profilingUrl", SAMPLE_PROFILING.toString()));
        return MessageTemplates.load(content, Channel.EMAIL, bankName, Map.of(), EmailText::problems, layout);
    }

    /** What a sample email made of these parts and layout words lacks. */
    private static List<String> problems(Locale locale, Map<String, String> parts, Map<String, String> layout) {
        List<String> problems = new ArrayList<>();
        parts.keySet().stream().filter(part -> !PARTS.contains(part))
                .forEach(part -> problems.add("has a part '" + part + "' no email has (subject, text, html)"));
        String subject = parts.getOrDefault("subject", "");
        if (subject.isBlank()) {
            problems.add("needs a subject");
        } else if (subject.contains("\n") || subject.length() > 120) {
            problems.add("the subject must be one line of at most 120 characters");
        }
        if (parts.getOrDefault("text", "").isBlank()) {
            problems.add("has no plain-text part (text): every email carries one, for the clients that show no HTML");
            return problems;
        }
        if (layout.isEmpty()) {
            return problems; // the layout's own problems are reported with its file
        }
        OfferEmail email = compose(locale, parts, layout, SAMPLE_UNSUBSCRIBE, SAMPLE_PROFILING, null);
        String file = "email/layout/" + locale.toLanguageTag() + ".yml";
        if (!email.text().contains(SAMPLE_UNSUBSCRIBE.toString())) {
            problems.add("the plain-text part has no unsubscribe link (" + file + " unsubscribe-text must carry {{unsubscribeUrl}})");
        }
        if (!email.text().contains(SAMPLE_PROFILING.toString())) {
            problems.add("the plain-text part has no profiling link (" + file + " profiling-text must carry {{profilingUrl}})");
        }
        if (!email.html().contains("href=\"" + HtmlUtils.htmlEscape(SAMPLE_UNSUBSCRIBE.toString()) + "\">" + HtmlUtils.htmlEscape(layout.get("unsubscribe-link")))
                || layout.getOrDefault("unsubscribe-link", "").isBlank()) {
            problems.add("the HTML part has no unsubscribe link (" + file + " unsubscribe-link)");
        }
        if (!email.html().contains("href=\"" + HtmlUtils.htmlEscape(SAMPLE_PROFILING.toString()) + "\">")
                || layout.getOrDefault("profiling-link", "").isBlank()) {
            problems.add("the HTML part has no profiling link (" + file + " profiling-link)");
        }
        return problems;
    }

    /** The email for this send: personalised unless the customer refused profiling; the step's template when it names one. */
    public OfferEmail offer(DeliveryRequest request, Recipient recipient) {
        return compose(request.productCode(), recipient, !recipient.noProfiling(), request.idempotencyKey(), request.templateExtras(),
                request.contentVariant(), request.template()).email();
    }

    /** @param idempotencyKey the send's key, which the tracking links carry sealed */
    public OfferEmail render(String productCode, Recipient recipient, boolean personalised, String idempotencyKey) {
        return compose(productCode, recipient, personalised, idempotencyKey, Map.of(), null, null).email();
    }

    /** @param variant a content variant of the offer (ADR 0026), or null / default for its own template */
    public OfferEmail render(String productCode, Recipient recipient, boolean personalised, String idempotencyKey, String variant) {
        return compose(productCode, recipient, personalised, idempotencyKey, Map.of(), variant, null).email();
    }

    /** @param template a template as a step's header names it, or null for the offer's own */
    public Composed compose(String productCode, Recipient recipient, boolean personalised, String idempotencyKey, String variant,
                            String template) {
        return compose(productCode, recipient, personalised, idempotencyKey, Map.of(), variant, template);
    }

    /** The offer's content variants by email, besides default. */
    public java.util.Set<String> variants(String productCode) {
        return templates.get().variants(productCode);
    }

    public MessageTemplates templates() {
        return templates.get();
    }

    private Composed compose(String productCode, Recipient recipient, boolean personalised, String idempotencyKey,
                             Map<String, String> extras, String variant, String template) {
        MessageTemplates set = templates.get();
        Rendered rendered = set.render(productCode, recipient, personalised, LocalDate.now(clock), extras, variant, template);
        URI unsubscribe = unsubscribeUrl(recipient.customerId(), rendered.locale().toLanguageTag());
        URI refuseProfiling = profilingRefusalUrl(recipient.customerId(), rendered.locale().toLanguageTag());
        Map<String, String> layout = set.layout(rendered.locale(),
                Map.of("unsubscribeUrl", unsubscribe.toString(), "profilingUrl", refuseProfiling.toString()));
        EmailTracking.Links links = tracking == null ? null : tracking.links(idempotencyKey, productCode);
        return new Composed(rendered, compose(rendered.locale(), rendered.parts(), layout, unsubscribe, refuseProfiling, links));
    }

    /** The parts of a template in the layout: the same composition for a send and for the check at load. */
    static OfferEmail compose(Locale locale, Map<String, String> parts, Map<String, String> layout, URI unsubscribe, URI refuseProfiling,
                              EmailTracking.Links links) {
        String body = parts.getOrDefault("text", "");
        String callToAction = layout.getOrDefault("call-to-action", "");
        var text = new StringBuilder(body).append("\n\n");
        if (links != null) {
            text.append(callToAction).append(": ").append(links.click()).append("\n\n");
        }
        text.append(layout.getOrDefault("footer", "")).append('\n').append(layout.getOrDefault("unsubscribe-text", "")).append('\n')
                .append(layout.getOrDefault("profiling-text", "")).append('\n');

        var html = new StringBuilder("<!DOCTYPE html><html lang=\"").append(locale.toLanguageTag()).append("\"><body>");
        if (parts.containsKey("html")) {
            html.append(parts.get("html"));
        } else {
            for (String paragraph : body.split("\n\n")) {
                html.append("<p>").append(HtmlUtils.htmlEscape(paragraph).replace("\n", "<br>")).append("</p>");
            }
        }
        if (links != null) {
            html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(links.click().toString())).append("\">")
                    .append(HtmlUtils.htmlEscape(callToAction)).append("</a></p>");
        }
        html.append("<hr><p style=\"font-size:small\">").append(HtmlUtils.htmlEscape(layout.getOrDefault("footer", ""))).append("<br>")
                .append("<a href=\"").append(HtmlUtils.htmlEscape(unsubscribe.toString())).append("\">")
                .append(HtmlUtils.htmlEscape(layout.getOrDefault("unsubscribe-link", ""))).append("</a><br>")
                .append("<a href=\"").append(HtmlUtils.htmlEscape(refuseProfiling.toString())).append("\">")
                .append(HtmlUtils.htmlEscape(layout.getOrDefault("profiling-link", ""))).append("</a></p>");
        if (links != null && links.pixel() != null) {
            html.append("<img src=\"").append(HtmlUtils.htmlEscape(links.pixel().toString())).append("\" width=\"1\" height=\"1\" alt=\"\">");
        }
        html.append("</body></html>");
        return new OfferEmail(parts.getOrDefault("subject", ""), text.toString(), html.toString(), unsubscribe, refuseProfiling);
    }

    /** The consent service's page that refuses profiling, in the email's language. */
    private URI profilingRefusalUrl(String customerId, String languageTag) {
        String base = profilingRefusalBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + profilingTokens.tokenFor(customerId) + "?lang=" + languageTag);
    }

    /** The one-click unsubscribe link (RFC 8058); its confirmation page speaks the email's language. */
    private URI unsubscribeUrl(String customerId, String languageTag) {
        String base = unsubscribeBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + tokens.tokenFor(customerId) + "?lang=" + languageTag);
    }
}
