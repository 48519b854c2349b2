package io.beacon.consent;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The one-page answers of the links in every marketing email (unsubscribe, refuse profiling), in the email's language:
 * the {@code lang} the email put on its links (en, zh-CN, es, as the email templates are localised), English otherwise.
 */
final class LinkPages {

    /** The languages the pages speak, by {@link Locale#getLanguage()}. */
    static final Set<String> LANGUAGES = Set.of("en", "zh", "es");

    private LinkPages() {
    }

    /** The page's language: {@code en}, {@code zh} or {@code es}. */
    static String language(String lang) {
        String language = lang == null ? "en" : Locale.forLanguageTag(lang).getLanguage();
        return LANGUAGES.contains(language) ? language : "en";
    }

    /** @param body a paragraph of text (escaped here), or markup already escaped when it starts with {@code <} */
    static ResponseEntity<String> page(HttpStatus status, String lang, String title, String body) {
        String tag = language(lang).equals("en") || lang == null ? "en" : Locale.forLanguageTag(lang).toLanguageTag();
        String html = "<!doctype html><html lang=\"" + HtmlUtils.htmlEscape(tag) + "\"><head><meta charset=\"utf-8\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1>"
                + (body.startsWith("<") ? body : "<p>" + HtmlUtils.htmlEscape(body) + "</p>") + "</body></html>";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html);
    }
}
