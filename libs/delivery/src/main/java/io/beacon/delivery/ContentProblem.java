package io.beacon.delivery;

/**
 * One thing wrong with a content set, named so that a translator or marketer finds it: the file (relative to the
 * content folder, written {@code content/sms/zh-CN.yml}), the locale ({@code -} for a file of no locale), the place
 * (a template and its part, an offer, a layout word) and what is wrong.
 */
public record ContentProblem(String file, String locale, String place, String message) {

    /** For a file that has no locale (offers.yml, steps.yml). */
    public static final String NO_LOCALE = "-";

    @Override
    public String toString() {
        return file + ", " + locale + ", " + place + ": " + message;
    }
}
