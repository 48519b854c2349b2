package io.beacon.push;

import io.beacon.delivery.Channel;
import io.beacon.delivery.ContentFiles;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.MessageTemplates;
import io.beacon.delivery.MessageTemplates.Rendered;
import io.beacon.delivery.ProfilesClient.Recipient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The offer notifications: the push templates of the content folder ({@code content/push/<locale>.yml}, title and
 * body, ADR 0027) checked at load for what a lock screen shows, rendered per customer from the set serving now; every
 * notification carries the preferences deep link.
 */
public class PushText {

    /** iOS shows about this much of a title and of a body on the lock screen; longer is cut, so it is refused. */
    static final int MAX_TITLE = 50;
    static final int MAX_BODY = 178;

    /** One notification: what the lock screen shows, plus data for the app. */
    public record Notification(String title, String body, Map<String, String> data) {
    }

    private final Supplier<MessageTemplates> templates;
    private final String preferencesLink;
    private final Clock clock;

    /** @param templates the set serving now ({@link io.beacon.delivery.LiveTemplates#current}) */
    public PushText(Supplier<MessageTemplates> templates, String preferencesLink, Clock clock) {
        this.templates = templates;
        this.preferencesLink = preferencesLink;
        this.clock = clock;
    }

    /** A fixed set read from a content tree. @throws io.beacon.delivery.TemplateRejectedException naming every problem */
    public static PushText load(ContentFiles content, String bankName, String preferencesLink, Clock clock) {
        MessageTemplates loaded = templates(content, bankName);
        return new PushText(() -> loaded, preferencesLink, clock);
    }

    /** The push load with its own rules. @throws io.beacon.delivery.TemplateRejectedException naming every problem */
    public static MessageTemplates templates(ContentFiles content, String bankName) {
        return MessageTemplates.load(content, Channel.PUSH, bankName, Map.of(), (locale, parts, layout) -> {
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
        });
    }

    /** The notification for this customer: personalised unless they refused profiling; the step's template when it names one. */
    public Notification offer(DeliveryRequest request, Recipient recipient) {
        return render(request.productCode(), recipient, !recipient.noProfiling(), request.templateExtras(), request.contentVariant(),
                request.template());
    }

    public Notification render(String productCode, Recipient recipient, boolean personalised) {
        return render(productCode, recipient, personalised, Map.of(), null, null);
    }

    /** @param variant a content variant of the offer (ADR 0026), or null / default for its own template */
    public Notification render(String productCode, Recipient recipient, boolean personalised, String variant) {
        return render(productCode, recipient, personalised, Map.of(), variant, null);
    }

    /** @param template a template as a step's header names it, or null for the offer's own */
    public Notification render(String productCode, Recipient recipient, boolean personalised, String variant, String template) {
        return render(productCode, recipient, personalised, Map.of(), variant, template);
    }

    /** The offer's content variants on push, besides default. */
    public java.util.Set<String> variants(String productCode) {
        return templates.get().variants(productCode);
    }

    public MessageTemplates templates() {
        return templates.get();
    }

    private Notification render(String productCode, Recipient recipient, boolean personalised, Map<String, String> extras, String variant,
                                String template) {
        return notification(rendered(productCode, recipient, personalised, extras, variant, template));
    }

    /** The template, locale and parts a preview shows beside the notification. */
    public Rendered rendered(String productCode, Recipient recipient, boolean personalised, Map<String, String> extras, String variant,
                             String template) {
        return templates.get().render(productCode, recipient, personalised, LocalDate.now(clock), extras, variant, template);
    }

    public Notification notification(Rendered rendered) {
        return new Notification(rendered.part("title"), rendered.part("body"), Map.of("preferencesLink", preferencesLink));
    }
}
