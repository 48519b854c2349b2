package io.beacon.push;

import io.beacon.delivery.Channel;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.MessageTemplates;
import io.beacon.delivery.MessageTemplates.Rendered;
import io.beacon.delivery.ProfilesClient.Recipient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The offer notifications: the push templates ({@code templates/push/<locale>.yml}, title and body) checked at load
 * for what a lock screen shows, rendered per customer; every notification carries the preferences deep link.
 */
public class PushText {

    /** iOS shows about this much of a title and of a body on the lock screen; longer is cut, so it is refused. */
    static final int MAX_TITLE = 50;
    static final int MAX_BODY = 178;

    /** One notification: what the lock screen shows, plus data for the app. */
    public record Notification(String title, String body, Map<String, String> data) {
    }

    private final MessageTemplates templates;
    private final String preferencesLink;
    private final Clock clock;

    private PushText(MessageTemplates templates, String preferencesLink, Clock clock) {
        this.templates = templates;
        this.preferencesLink = preferencesLink;
        this.clock = clock;
    }

    /** @throws io.beacon.delivery.TemplateRejectedException naming every template that breaks a rule */
    public static PushText load(String bankName, String preferencesLink, Clock clock) {
        return new PushText(MessageTemplates.load(Channel.PUSH, bankName, Map.of(), (locale, parts) -> {
            List<String> problems = new ArrayList<>();
            String title = parts.get("title");
            String body = parts.get("body");
            if (title == null || body == null) {
                return List.of("needs a title and a body");
            }
            if (title.codePointCount(0, title.length()) > MAX_TITLE) {
                problems.add("title longer than " + MAX_TITLE + " characters for a sample customer");
            }
            if (body.codePointCount(0, body.length()) > MAX_BODY) {
                problems.add("body longer than " + MAX_BODY + " characters for a sample customer");
            }
            return problems;
        }), preferencesLink, clock);
    }

    /** The notification for this customer: personalised unless they refused profiling. */
    public Notification offer(DeliveryRequest request, Recipient recipient) {
        return render(request.productCode(), recipient, !recipient.noProfiling(), request.templateExtras(), request.contentVariant());
    }

    public Notification render(String productCode, Recipient recipient, boolean personalised) {
        return render(productCode, recipient, personalised, Map.of(), null);
    }

    /** @param variant a content variant of the offer (ADR 0025), or null / default for its own template */
    public Notification render(String productCode, Recipient recipient, boolean personalised, String variant) {
        return render(productCode, recipient, personalised, Map.of(), variant);
    }

    /** The offer's content variants on push, besides default. */
    public java.util.Set<String> variants(String productCode) {
        return templates.variants(productCode);
    }

    private Notification render(String productCode, Recipient recipient, boolean personalised, Map<String, String> extras, String variant) {
        Rendered rendered = templates.render(productCode, recipient, personalised, LocalDate.now(clock), extras, variant);
        return new Notification(rendered.part("title"), rendered.part("body"), Map.of("preferencesLink", preferencesLink));
    }
}
