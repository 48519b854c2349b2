package io.beacon.sms;

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
 * The offer texts: the SMS templates ({@code templates/sms/<locale>.yml}) checked at load for the way out (the CTIA
 * keyword STOP) and for the configured maximum of segments, then rendered per customer.
 */
public class SmsText {

    private final MessageTemplates templates;
    private final Clock clock;

    private SmsText(MessageTemplates templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    /** @throws io.beacon.delivery.TemplateRejectedException naming every template that breaks a rule */
    public static SmsText load(String bankName, int maxSegments, Clock clock) {
        return new SmsText(MessageTemplates.load(Channel.SMS, bankName, Map.of(), (locale, parts) -> {
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
        }), clock);
    }

    /** The text for this customer: personalised unless they refused profiling. */
    public Rendered offer(DeliveryRequest request, Recipient recipient) {
        return render(request.productCode(), recipient, !recipient.noProfiling(), request.templateExtras(), request.contentVariant());
    }

    public Rendered render(String productCode, Recipient recipient, boolean personalised) {
        return render(productCode, recipient, personalised, Map.of(), null);
    }

    /** @param variant a content variant of the offer (ADR 0025), or null / default for its own template */
    public Rendered render(String productCode, Recipient recipient, boolean personalised, String variant) {
        return render(productCode, recipient, personalised, Map.of(), variant);
    }

    private Rendered render(String productCode, Recipient recipient, boolean personalised, Map<String, String> extras, String variant) {
        return templates.render(productCode, recipient, personalised, LocalDate.now(clock), extras, variant);
    }

    /** The offer's content variants on SMS, besides default. */
    public java.util.Set<String> variants(String productCode) {
        return templates.variants(productCode);
    }

    public java.util.Set<String> products() {
        return templates.products();
    }
}
