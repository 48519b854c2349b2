package io.beacon.delivery;

import io.beacon.delivery.ProfilesClient.Recipient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The messages a proposed change would render on one channel (ADR 0029), for its report: every template whose text
 * for a sample customer differs from the set serving now (or is new), in each locale, and the offer's own message of
 * each product the change's replay offers more often. At most {@link #SHOWN}; {@link Messages#count} says how many.
 */
public final class RenderedChanges {

    /** How many messages a report shows per channel. */
    public static final int SHOWN = 30;

    /** Why a message is in the report. */
    public enum Why { CHANGED, NEW, OFFERED }

    /** One message as the sample customer would get it. */
    public record Message(String template, String offer, String locale, boolean personalised, Why why, Map<String, String> parts) {
    }

    /** The messages shown, and how many there are in all. */
    public record Messages(List<Message> shown, int count) {
        public static final Messages NONE = new Messages(List.of(), 0);
    }

    private RenderedChanges() {
    }

    /**
     * @param offered product codes the replay offers more often with the change than without it
     */
    public static Messages between(MessageTemplates live, MessageTemplates proposed, Collection<String> offered, LocalDate today) {
        var all = new ArrayList<Message>();
        String anyOffer = proposed.products().stream().findFirst().orElse(null);
        for (MessageTemplates.TemplateInfo template : proposed.templates()) {
            String offer = template.offer() != null ? template.offer() : anyOffer;
            if (offer == null) {
                continue;
            }
            for (Locale locale : MessageTemplates.LOCALES) {
                Optional<MessageTemplates.Rendered> next = proposed.sample(template.name(), offer, locale, today);
                if (next.isEmpty()) {
                    continue;
                }
                Optional<MessageTemplates.Rendered> now = live.sample(template.name(), offer, locale, today);
                if (now.isPresent() && now.get().parts().equals(next.get().parts())) {
                    continue;
                }
                all.add(message(next.get(), offer, now.isPresent() ? Why.CHANGED : Why.NEW));
            }
        }
        for (String product : new TreeSet<>(offered)) {
            if (!proposed.products().contains(product)) {
                continue;
            }
            for (Locale locale : MessageTemplates.LOCALES) {
                var jane = new Recipient("C-SAMPLE", "Jane", locale.toLanguageTag(), null, false);
                var rendered = proposed.render(product, jane, true, today, Map.of());
                // shown once: a message the change rewrites and offers more often is listed as changed
                if (all.stream().noneMatch(m -> m.template().equals(rendered.template()) && m.locale().equals(rendered.locale().toLanguageTag()))) {
                    all.add(message(rendered, product, Why.OFFERED));
                }
            }
        }
        return new Messages(List.copyOf(all.subList(0, Math.min(SHOWN, all.size()))), all.size());
    }

    private static Message message(MessageTemplates.Rendered rendered, String offer, Why why) {
        return new Message(rendered.template(), offer, rendered.locale().toLanguageTag(), rendered.personalised(), why, rendered.parts());
    }
}
