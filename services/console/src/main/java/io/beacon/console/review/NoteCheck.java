package io.beacon.console.review;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an RM's personal note before it may go into a message to the customer (ADR 0028): it must fit the message,
 * carry no contact point (no phone number, e-mail address or link: the bank's messages name its own channels only, and a
 * note is not a way around the templates' review), and make none of the promises compliance forbids ("guaranteed
 * return", "保本", "rentabilidad garantizada": {@code beacon.console.review.forbidden-phrases}). Every problem is named
 * with the words that caused it, contact points masked, so the RM can fix the note; nothing is stored from a refused
 * note.
 */
public final class NoteCheck {

    /** One reason a note cannot go out: the rule broken and what in the note broke it (masked for a contact point). */
    public record Problem(String rule, String found) {

        public String message() {
            return switch (rule) {
                case LENGTH -> found;
                case PHONE -> "it contains a phone number (" + found + ")";
                case EMAIL -> "it contains an e-mail address (" + found + ")";
                case LINK -> "it contains a link (" + found + ")";
                default -> "it makes a forbidden promise ('" + found + "')";
            };
        }
    }

    static final String LENGTH = "length";
    static final String PHONE = "phone-number";
    static final String EMAIL = "email";
    static final String LINK = "link";
    static final String PROMISE = "forbidden-promise";

    /** The regions whose national formats are looked for: the bank's jurisdictions and the languages it writes in. */
    private static final List<String> REGIONS = List.of("GB", "IE", "CN", "HK", "SG", "ES");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    /** http(s)://..., www...., or a bare domain with a common top-level domain (beacon-bank.com, example.co.uk). */
    private static final Pattern LINK_PATTERN = Pattern.compile(
            "(?i)\\bhttps?://\\S+|\\bwww\\.\\S+"
                    + "|\\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:com|net|org|info|biz|io|co|app|me|ly|link|site|online|bank"
                    + "|uk|ie|cn|hk|sg|es|eu|de|fr|us)\\b(?:/\\S*)?");
    /** Digits written one by one with a separator ("0 7 7 0 0 9 ..."), which no amount or date looks like. */
    private static final Pattern SPACED_DIGITS = Pattern.compile("(?:\\d[\\s.\\-/]+){6,}\\d");

    private final int maxLength;
    private final List<String> forbiddenPhrases;
    private final List<String> normalisedPhrases;

    public NoteCheck(int maxLength, List<String> forbiddenPhrases) {
        this.maxLength = maxLength;
        this.forbiddenPhrases = forbiddenPhrases == null ? List.of()
                : forbiddenPhrases.stream().filter(p -> p != null && !p.isBlank()).map(String::strip).toList();
        this.normalisedPhrases = this.forbiddenPhrases.stream().map(NoteCheck::normalised).toList();
    }

    public int maxLength() {
        return maxLength;
    }

    public List<String> forbiddenPhrases() {
        return forbiddenPhrases;
    }

    /** Every problem of the note, in the order of the rules; empty when it may go into a message. */
    public List<Problem> problems(String note) {
        if (note == null || note.isBlank()) {
            return List.of();
        }
        var problems = new ArrayList<Problem>();
        int length = note.codePointCount(0, note.length());
        if (length > maxLength) {
            problems.add(new Problem(LENGTH, "it has " + length + " characters; at most " + maxLength + " fit into the message"));
        }
        Set<String> emails = new LinkedHashSet<>();
        Matcher email = EMAIL_ADDRESS.matcher(note);
        while (email.find()) {
            emails.add(email.group());
        }
        String withoutEmails = EMAIL_ADDRESS.matcher(note).replaceAll(" ");
        phones(withoutEmails).forEach(phone -> problems.add(new Problem(PHONE, maskPhone(phone))));
        emails.forEach(address -> problems.add(new Problem(EMAIL, maskEmail(address))));
        Matcher link = LINK_PATTERN.matcher(withoutEmails);
        Set<String> links = new LinkedHashSet<>();
        while (link.find()) {
            links.add(link.group());
        }
        links.forEach(l -> problems.add(new Problem(LINK, l)));
        String text = normalised(note);
        for (int i = 0; i < normalisedPhrases.size(); i++) {
            if (text.contains(normalisedPhrases.get(i))) {
                problems.add(new Problem(PROMISE, forbiddenPhrases.get(i)));
            }
        }
        return problems;
    }

    /** One sentence for the RM (and the audit): every problem, so one correction can fix them all. */
    public static String describe(List<Problem> problems) {
        return "the personal note cannot go into the message: "
                + String.join("; ", problems.stream().map(Problem::message).toList()) + ". Nothing was approved.";
    }

    private static Set<String> phones(String text) {
        var util = PhoneNumberUtil.getInstance();
        Set<String> found = new LinkedHashSet<>();
        for (String region : REGIONS) {
            for (PhoneNumberMatch match : util.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                found.add(match.rawString().strip());
            }
        }
        // A number written in international form is a phone number even where the metadata does not know the range.
        for (PhoneNumberMatch match : util.findNumbers(text, "ZZ", PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
            found.add(match.rawString().strip());
        }
        Matcher spaced = SPACED_DIGITS.matcher(text);
        while (spaced.find()) {
            found.add(spaced.group().strip());
        }
        // "+86 138 0013 8000" found by one region and "138 0013 8000" by another are one number
        return dropContained(found);
    }

    private static Set<String> dropContained(Set<String> found) {
        Set<String> kept = new LinkedHashSet<>();
        for (String s : found) {
            boolean inside = found.stream().anyMatch(other -> !other.equals(s) && digits(other).contains(digits(s)));
            if (!inside) {
                kept.add(s);
            }
        }
        return kept;
    }

    private static String digits(String s) {
        return s.replaceAll("\\D", "");
    }

    /** All but the last two digits hidden: enough for the RM to find the number in their note, not to dial it. */
    static String maskPhone(String phone) {
        String digits = digits(phone);
        String tail = digits.length() <= 2 ? digits : digits.substring(digits.length() - 2);
        return (phone.startsWith("+") ? "+" : "") + "*".repeat(Math.max(0, digits.length() - tail.length())) + tail;
    }

    static String maskEmail(String email) {
        int at = email.indexOf('@');
        return email.charAt(0) + "***" + email.substring(at);
    }

    /**
     * Case-, width- and accent-insensitive form: NFKD splits accents off (and folds full-width forms), which are then
     * dropped; runs of white space become one space. "Rentabilidad GARANTIZADA" and "rentabilidad garantízada" match.
     */
    static String normalised(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[\\s\\u00A0\\u3000]+", " ").strip();
    }
}
