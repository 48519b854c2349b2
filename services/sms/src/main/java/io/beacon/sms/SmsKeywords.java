package io.beacon.sms;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an inbound text asks for (CTIA, TCPA 2025), in every language Beacon answers in: a STOP word of any language in
 * any case, with surrounding spaces or punctuation, opts the number out; a HELP word asks for help; a START word opts
 * back in. The whole text must be the keyword ("please stop sending" asks for nothing). The answer goes out in the
 * language the keyword belongs to: the language the customer just wrote in (ADR 0035).
 */
public final class SmsKeywords {

    public enum Intent { STOP, HELP, START }

    /**
     * One language's keywords and replies, as configured under {@code beacon.sms.keywords.languages}.
     *
     * @param locale  a BCP 47 tag ({@code en}, {@code zh-CN}, {@code es})
     * @param replies the STOP confirmation, the START confirmation and the HELP reply; {@code {bankName}} and
     *                {@code {helpContact}} are filled in
     */
    public record Language(String locale, List<String> stop, List<String> help, List<String> start, Replies replies) {
    }

    /** The three answers of one language; none may carry marketing. */
    public record Replies(String stop, String start, String help) {
    }

    /** A text that is one keyword: what it asks for, the language it belongs to, and the keyword as configured. */
    public record Match(Intent intent, String locale, String keyword) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final List<String> PLACEHOLDERS = List.of("bankName", "helpContact");

    private final Map<String, Match> byWords;
    private final Map<String, Replies> replies;

    private SmsKeywords(Map<String, Match> byWords, Map<String, Replies> replies) {
        this.byWords = byWords;
        this.replies = replies;
    }

    /**
     * Checks the configuration whole and refuses it with every problem named: no language, a locale that is not a
     * BCP 47 tag or comes twice, a language without a STOP word or a reply, a keyword that is empty once normalised or
     * belongs to two intents or languages, an unknown placeholder, a HELP reply that does not name the way out.
     */
    public static SmsKeywords of(List<Language> languages) {
        var problems = new ArrayList<String>();
        var byWords = new HashMap<String, Match>();
        var replies = new HashMap<String, Replies>();
        if (languages == null || languages.isEmpty()) {
            problems.add("no language configured: at least one needs its STOP words");
        }
        for (int i = 0; languages != null && i < languages.size(); i++) {
            Language language = languages.get(i);
            String where = "languages[" + i + "]";
            if (language == null) {
                problems.add(where + " is empty");
                continue;
            }
            String locale = language.locale();
            if (locale == null || locale.isBlank()) {
                problems.add(where + ".locale is missing");
                continue;
            }
            try {
                new Locale.Builder().setLanguageTag(locale);
            } catch (IllformedLocaleException e) {
                problems.add(where + ".locale '" + locale + "' is not a BCP 47 language tag");
                continue;
            }
            where = where + " (" + locale + ")";
            if (replies.containsKey(locale)) {
                problems.add(where + ": the locale is configured twice");
                continue;
            }
            if (language.stop() == null || language.stop().isEmpty()) {
                problems.add(where + ".stop is empty: every language needs a way out");
            }
            words(problems, byWords, where, locale, Intent.STOP, language.stop());
            words(problems, byWords, where, locale, Intent.HELP, language.help());
            words(problems, byWords, where, locale, Intent.START, language.start());
            Replies texts = language.replies();
            if (texts == null) {
                problems.add(where + ".replies are missing (stop, start, help)");
                continue;
            }
            reply(problems, where + ".replies.stop", texts.stop());
            reply(problems, where + ".replies.start", texts.start());
            reply(problems, where + ".replies.help", texts.help());
            if (texts.help() != null && language.stop() != null
                    && language.stop().stream().filter(w -> w != null && !w.isBlank()).noneMatch(texts.help()::contains)) {
                problems.add(where + ".replies.help names none of the language's STOP words " + language.stop()
                        + ": a HELP reply must tell how to opt out");
            }
            replies.put(locale, texts);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("beacon.sms.keywords refused, " + problems.size() + " problem(s): "
                    + String.join("; ", problems));
        }
        return new SmsKeywords(Map.copyOf(byWords), Map.copyOf(replies));
    }

    private static void words(List<String> problems, Map<String, Match> byWords, String where, String locale, Intent intent,
                              List<String> words) {
        if (words == null) {
            return;
        }
        String field = where + "." + intent.name().toLowerCase(Locale.ROOT);
        for (String word : words) {
            String key = word == null ? "" : normalise(word);
            if (key.isEmpty()) {
                problems.add(field + " holds '" + word + "', which has no letter or digit");
                continue;
            }
            Match earlier = byWords.putIfAbsent(key, new Match(intent, locale, word));
            if (earlier != null) {
                problems.add(field + ": '" + word + "' is already a " + earlier.intent() + " word of " + earlier.locale()
                        + " ('" + earlier.keyword() + "'): a keyword must mean one thing in one language");
            }
        }
    }

    private static void reply(List<String> problems, String field, String text) {
        if (text == null || text.isBlank()) {
            problems.add(field + " is missing");
            return;
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (!PLACEHOLDERS.contains(placeholder.group(1))) {
                problems.add(field + " has the unknown placeholder {" + placeholder.group(1) + "} (known: " + PLACEHOLDERS + ")");
            }
        }
    }

    /**
     * Width and compatibility forms folded (full-width {@code ＴＤ} is {@code TD}), upper case, everything but letters
     * and digits a space, spaces collapsed: " Stop! ", "opt-out", "退订。" all match.
     */
    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    /** The keyword the whole text is, or empty when it is none of any configured language. */
    public Optional<Match> match(String body) {
        return body == null ? Optional.empty() : Optional.ofNullable(byWords.get(normalise(body)));
    }

    /** The answer to a keyword, in its language, with the bank's name and help contact filled in. */
    public String reply(Match match, String bankName, String helpContact) {
        Replies texts = replies.get(match.locale());
        String text = switch (match.intent()) {
            case STOP -> texts.stop();
            case START -> texts.start();
            case HELP -> texts.help();
        };
        return text.replace("{bankName}", bankName).replace("{helpContact}", helpContact);
    }

    /** The configured locales, in no particular order: for log lines that say what was understood. */
    public List<String> locales() {
        return List.copyOf(replies.keySet());
    }
}
