package io.beacon.contracts.api.channels;

import java.util.List;
import java.util.Map;

/**
 * What a content tree would be on this channel.
 *
 * @param version  the version the files would have
 * @param problems every problem; empty when it would load
 * @param rendered the messages it would render differently from the set serving now, and those of the offered products
 */
public record TemplatesCheck(String version, List<ContentProblem> problems, Rendered rendered) {

    /**
     * Messages as a sample customer would get them.
     *
     * @param shown the messages shown (at most 30)
     * @param count how many there are in all
     */
    public record Rendered(List<Message> shown, int count) {
    }

    /**
     * One message.
     *
     * @param template     the template
     * @param offer        the product it was rendered for
     * @param locale       its locale
     * @param personalised false for the generic variant
     * @param why          {@code CHANGED}, {@code NEW} or {@code OFFERED} (the replay offers it more often)
     * @param parts        part name (text, title, body, subject...) to its text
     */
    public record Message(String template, String offer, String locale, boolean personalised, String why, Map<String, String> parts) {
    }
}
