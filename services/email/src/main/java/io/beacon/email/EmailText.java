package io.beacon.email;

import io.beacon.delivery.Channel;
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
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * The offer email: subject and body from the email templates ({@code templates/email/<locale>.yml}), inside a layout
 * no template can leave out: the call to action (tracked when tracking is on), the bank's name and postal address
 * (marketing must be identifiable), the unsubscribe link the List-Unsubscribe header also carries, the link that refuses
 * profiling (PIPL Art. 24: offered in every email), and the pixel.
 */
public class EmailText {

    /** The layout's own words per template language. */
    private record Layout(String findOutMore, String marketingFrom, String unsubscribe, String unsubscribeLink, String refuseProfiling,
                          String refuseProfilingLink) {
    }

    private static final Map<String, Layout> LAYOUTS = Map.of(
            "en", new Layout("Find out more", "This is a marketing email from %s, %s.", "To stop receiving these emails, unsubscribe: %s",
                    "Unsubscribe",
                    "To stop us using your personal data to choose offers for you (you will only get general offers): %s",
                    "Stop using my data to choose offers"),
            "zh", new Layout("了解详情", "这是一封来自%s（%s）的营销邮件。", "如不想再收到此类邮件，请退订：%s", "退订",
                    "如不希望我们使用您的个人信息为您挑选优惠（此后您只会收到一般优惠）：%s", "停止使用我的个人信息挑选优惠"),
            "es", new Layout("Más información", "Este es un correo de marketing de %s, %s.", "Para dejar de recibir estos correos, dese de baja: %s",
                    "Darse de baja",
                    "Para que dejemos de usar sus datos personales para elegir ofertas para usted (solo recibirá ofertas generales): %s",
                    "No usar mis datos para elegir ofertas"));

    private final String bankName;
    private final String postalAddress;
    private final URI unsubscribeBaseUrl;
    private final URI profilingRefusalBaseUrl;
    private final UnsubscribeTokens tokens;
    private final UnsubscribeTokens profilingTokens;
    private final EmailTracking tracking;
    private final MessageTemplates templates;
    private final Clock clock;

    /**
     * @param tracking links and pixel of each email; null or off: the link goes straight to the offer, no pixel
     * @throws io.beacon.delivery.TemplateRejectedException naming every template that breaks a rule
     */
    public EmailText(String bankName, String postalAddress, URI unsubscribeBaseUrl, URI profilingRefusalBaseUrl, UnsubscribeTokens tokens,
                     EmailTracking tracking, Clock clock) {
        this.bankName = bankName;
        this.postalAddress = postalAddress;
        this.unsubscribeBaseUrl = unsubscribeBaseUrl;
        this.profilingRefusalBaseUrl = profilingRefusalBaseUrl;
        this.tokens = tokens;
        this.profilingTokens = tokens.profilingRefusal();
        this.tracking = tracking;
        this.clock = clock;
        this.templates = MessageTemplates.load(Channel.EMAIL, bankName, Map.of(), (locale, parts) -> {
            List<String> problems = new ArrayList<>();
            if (parts.getOrDefault("subject", "").isBlank() || parts.getOrDefault("body", "").isBlank()) {
                problems.add("needs a subject and a body");
            } else if (parts.get("subject").contains("\n") || parts.get("subject").length() > 120) {
                problems.add("the subject must be one line of at most 120 characters");
            }
            return problems;
        });
    }

    /** The email for this send: personalised unless the customer refused profiling. */
    public OfferEmail offer(DeliveryRequest request, Recipient recipient) {
        return render(request.productCode(), recipient, !recipient.noProfiling(), request.idempotencyKey(), request.templateExtras(),
                request.contentVariant());
    }

    /** @param idempotencyKey the send's key, which the tracking links carry sealed */
    public OfferEmail render(String productCode, Recipient recipient, boolean personalised, String idempotencyKey) {
        return render(productCode, recipient, personalised, idempotencyKey, Map.of(), null);
    }

    /** @param variant a content variant of the offer (ADR 0025), or null / default for its own template */
    public OfferEmail render(String productCode, Recipient recipient, boolean personalised, String idempotencyKey, String variant) {
        return render(productCode, recipient, personalised, idempotencyKey, Map.of(), variant);
    }

    /** The offer's content variants by email, besides default. */
    public java.util.Set<String> variants(String productCode) {
        return templates.variants(productCode);
    }

    private OfferEmail render(String productCode, Recipient recipient, boolean personalised, String idempotencyKey,
                              Map<String, String> extras, String variant) {
        Rendered rendered = templates.render(productCode, recipient, personalised, LocalDate.now(clock), extras, variant);
        Layout layout = LAYOUTS.getOrDefault(rendered.locale().getLanguage(), LAYOUTS.get("en"));
        URI unsubscribe = unsubscribeUrl(recipient.customerId());
        URI refuseProfiling = profilingRefusalUrl(recipient.customerId(), rendered.locale().toLanguageTag());
        EmailTracking.Links links = tracking == null
                ? null : tracking.links(idempotencyKey, productCode);
        String body = rendered.part("body");
        String identity = layout.marketingFrom().formatted(bankName, postalAddress);

        var text = new StringBuilder(body).append("\n\n");
        if (links != null) {
            text.append(layout.findOutMore()).append(": ").append(links.click()).append("\n\n");
        }
        text.append(identity).append('\n').append(layout.unsubscribe().formatted(unsubscribe)).append('\n')
                .append(layout.refuseProfiling().formatted(refuseProfiling)).append('\n');

        var html = new StringBuilder("<!DOCTYPE html><html lang=\"").append(rendered.locale().toLanguageTag()).append("\"><body>");
        for (String paragraph : body.split("\n\n")) {
            html.append("<p>").append(HtmlUtils.htmlEscape(paragraph).replace("\n", "<br>")).append("</p>");
        }
        if (links != null) {
            html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(links.click().toString())).append("\">")
                    .append(HtmlUtils.htmlEscape(layout.findOutMore())).append("</a></p>");
        }
        html.append("<hr><p style=\"font-size:small\">").append(HtmlUtils.htmlEscape(identity)).append("<br>")
                .append("<a href=\"").append(HtmlUtils.htmlEscape(unsubscribe.toString())).append("\">")
                .append(HtmlUtils.htmlEscape(layout.unsubscribeLink())).append("</a><br>")
                .append("<a href=\"").append(HtmlUtils.htmlEscape(refuseProfiling.toString())).append("\">")
                .append(HtmlUtils.htmlEscape(layout.refuseProfilingLink())).append("</a></p>");
        if (links != null && links.pixel() != null) {
            html.append("<img src=\"").append(HtmlUtils.htmlEscape(links.pixel().toString())).append("\" width=\"1\" height=\"1\" alt=\"\">");
        }
        html.append("</body></html>");
        return new OfferEmail(rendered.part("subject"), text.toString(), html.toString(), unsubscribe, refuseProfiling);
    }

    /** The consent service's page that refuses profiling, in the email's language. */
    private URI profilingRefusalUrl(String customerId, String languageTag) {
        String base = profilingRefusalBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + profilingTokens.tokenFor(customerId) + "?lang=" + languageTag);
    }

    private URI unsubscribeUrl(String customerId) {
        String base = unsubscribeBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + tokens.tokenFor(customerId));
    }
}
