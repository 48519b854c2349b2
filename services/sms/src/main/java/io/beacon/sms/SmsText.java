package io.beacon.sms;

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
 * The offer texts: the SMS templates of the content folder ({@code content/sms/<locale>.yml}, ADR 0027) checked at load
 * for the way out (the CTIA keyword STOP) and for the configured maximum of segments, then rendered per customer from
 * the set serving now.
 */
public class SmsText {

    private final Supplier<MessageTemplates> templates;
    private final Clock clock;

    /** @param templates the set serving now ({@link io.beacon.delivery.LiveTemplates#current}) */
    public SmsText(Supplier<MessageTemplates> templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    /** A fixed set read from a content tree. @throws io.beacon.delivery.TemplateRejectedException naming every problem */
    public static SmsText load(ContentFiles content, String bankName, int maxSegments, Clock clock) {
        MessageTemplates loaded = templates(content, bankName, maxSegments);
        return new SmsText(() -> loaded, clock);
    }

    /** The SMS load with its own rules. @throws io.beacon.delivery.TemplateRejectedException naming every problem */
    public static MessageTemplates templates(ContentFiles content, String bankName, int maxSegments) {
        return MessageTemplates.load(content, Channel.SMS, bankName, Map.of(), (locale, parts, layout) -> {
            List<String> problems = new ArrayList<>();
            String text = parts.get("text");
            if (text == null) {
                return List.of("has no text");
            }
            if (!text.contains("STOP")) {
                problems.add("does not carry the way out (the keyword STOP)");
            }
            SmsEncoding encoding = SmsEncoding.of(text);
            if (encoding.segments() > maxSegments) {
                problems.add("needs " + encoding.segments() + " segments as " + encoding.encoding() + " (" + encoding.units()
                        + " units) for a sample customer, more than beacon.sms.max-segments = " + maxSegments);
            }
            return problems;
        });
    }

    /** The text for this customer: personalised unless they refused profiling; the step's template when it names one. */
    public Rendered offer(DeliveryRequest request, Recipient recipient) {
        return render(request.productCode(), recipient, !recipient.noProfiling(), request.templateExtras(), request.contentVariant(),
                request.template());
    }

    public Rendered render(String productCode, Recipient recipient, boolean personalised) {
        return render(productCode, recipient, personalised, Map.of(), null, null);
    }

    /** @param variant a content variant of the offer (ADR 0026), or null / default for its own template */
    public Rendered render(String productCode, Recipient recipient, boolean personalised, String variant) {
        return render(productCode, recipient, personalised, Map.of(), variant, null);
    }

    /** @param template a template as a step's header names it, or null for the offer's own */
    public Rendered render(String productCode, Recipient recipient, boolean personalised, String variant, String template) {
        return render(productCode, recipient, personalised, Map.of(), variant, template);
    }

    private Rendered render(String productCode, Recipient recipient, boolean personalised, Map<String, String> extras, String variant,
                            String template) {
        return templates.get().render(productCode, recipient, personalised, LocalDate.now(clock), extras, variant, template);
    }

    /** The offer's content variants on SMS, besides default. */
    public java.util.Set<String> variants(String productCode) {
        return templates.get().variants(productCode);
    }

    public java.util.Set<String> products() {
        return templates.get().products();
    }

    public MessageTemplates templates() {
        return templates.get();
    }
}
