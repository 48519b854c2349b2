package io.beacon.email;

import io.beacon.platform.UnsubscribeTokens;
import java.net.URI;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * The offer email, in one place until templates arrive. Every email names the bank and its postal address (marketing
 * must be identifiable as such) and shows the same unsubscribe link that the List-Unsubscribe header carries.
 */
public class EmailText {

    private final String bankName;
    private final String postalAddress;
    private final URI unsubscribeBaseUrl;
    private final UnsubscribeTokens tokens;
    private final Map<String, String> productNames;
    private final EmailTracking tracking;

    public EmailText(String bankName, String postalAddress, URI unsubscribeBaseUrl, UnsubscribeTokens tokens,
                     Map<String, String> productNames) {
        this(bankName, postalAddress, unsubscribeBaseUrl, tokens, productNames, null);
    }

    /** @param tracking links and pixel of each email; null: no call to action, no pixel */
    public EmailText(String bankName, String postalAddress, URI unsubscribeBaseUrl, UnsubscribeTokens tokens,
                     Map<String, String> productNames, EmailTracking tracking) {
        this.tracking = tracking;
        this.bankName = bankName;
        this.postalAddress = postalAddress;
        this.unsubscribeBaseUrl = unsubscribeBaseUrl;
        this.tokens = tokens;
        this.productNames = Map.copyOf(productNames);
    }

    public OfferEmail offer(String customerId, String firstName, String productCode) {
        return offer(customerId, firstName, productCode, null);
    }

    /** @param idempotencyKey the send's key, carried (sealed) by the tracking links; null for none */
    public OfferEmail offer(String customerId, String firstName, String productCode, String idempotencyKey) {
        EmailTracking.Links links = tracking == null || productCode == null ? null
                : tracking.links(idempotencyKey == null ? "" : idempotencyKey, productCode);
        String product = productCode == null ? "A new offer" : productNames.getOrDefault(productCode, productCode);
        String greeting = firstName == null || firstName.isBlank() ? "Hello" : "Hi " + firstName.strip();
        URI unsubscribe = unsubscribeUrl(customerId);
        String subject = bankName + ": " + capitalised(product) + " is available for you";
        String text = greeting + ",\n\n"
                + capitalised(product) + " is available for you.\n\n"
                + (links == null ? "" : "Find out more: " + links.click() + "\n\n")
                + "This is a marketing email from " + bankName + ", " + postalAddress + ".\n"
                + "To stop receiving these emails, unsubscribe: " + unsubscribe + "\n";
        String html = "<!DOCTYPE html><html><body>"
                + "<p>" + HtmlUtils.htmlEscape(greeting) + ",</p>"
                + "<p>" + HtmlUtils.htmlEscape(capitalised(product)) + " is available for you.</p>"
                + (links == null ? "" : "<p><a href=\"" + HtmlUtils.htmlEscape(links.click().toString()) + "\">Find out more</a></p>")
                + "<hr><p style=\"font-size:small\">This is a marketing email from " + HtmlUtils.htmlEscape(bankName) + ", "
                + HtmlUtils.htmlEscape(postalAddress) + ".<br>"
                + "<a href=\"" + HtmlUtils.htmlEscape(unsubscribe.toString()) + "\">Unsubscribe</a> from these emails.</p>"
                + (links == null || links.pixel() == null ? ""
                        : "<img src=\"" + HtmlUtils.htmlEscape(links.pixel().toString()) + "\" width=\"1\" height=\"1\" alt=\"\">")
                + "</body></html>";
        return new OfferEmail(subject, text, html, unsubscribe);
    }

    private URI unsubscribeUrl(String customerId) {
        String base = unsubscribeBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + tokens.tokenFor(customerId));
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
