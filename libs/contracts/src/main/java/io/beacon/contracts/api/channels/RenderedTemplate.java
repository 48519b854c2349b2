package io.beacon.contracts.api.channels;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A template rendered for a sample customer. Each channel answers its own fields, and only those: the others are left out.
 *
 * @param template     the template rendered
 * @param locale       the locale it was rendered in
 * @param personalised false for the generic variant
 * @param parts        SMS and push: part name (text; title, body) to its text
 * @param encoding     SMS: {@code GSM_7} or {@code UCS_2}
 * @param units        SMS: characters in that encoding
 * @param segments     SMS: the segments the text costs
 * @param locales      SMS: every locale content is written in
 * @param title        push: the notification's title
 * @param body         push: its body
 * @param data         push: its data
 * @param subject      email: the subject
 * @param text         email: the plain-text part
 * @param html         email: the HTML part, in its layout
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RenderedTemplate(String template, String locale, Boolean personalised, Map<String, String> parts, String encoding,
                              Integer units, Integer segments, List<String> locales, String title, String body, Map<String, String> data,
                              String subject, String text, String html) {

    /** An SMS. */
    public static RenderedTemplate sms(String template, String locale, boolean personalised, Map<String, String> parts, String encoding,
                                      int units, int segments, List<String> locales) {
        return new RenderedTemplate(template, locale, personalised, parts, encoding, units, segments, locales, null, null, null, null, null, null);
    }

    /** A push notification. */
    public static RenderedTemplate push(String template, String locale, boolean personalised, String title, String body,
                                       Map<String, String> data, Map<String, String> parts) {
        return new RenderedTemplate(template, locale, personalised, parts, null, null, null, null, title, body, data, null, null, null);
    }

    /** An email. */
    public static RenderedTemplate email(String template, String locale, boolean personalised, String subject, String text, String html) {
        return new RenderedTemplate(template, locale, personalised, null, null, null, null, null, null, null, null, subject, text, html);
    }
}
