package io.beacon.sms;

import java.util.Locale;
import java.util.Set;

/**
 * What an inbound text asks for (CTIA, TCPA 2025): STOP and its synonyms in any case, with surrounding spaces or
 * punctuation, opt the number out; HELP asks for help; START opts back in. Anything else asks for nothing.
 */
public final class SmsKeywords {

    public enum Intent { STOP, HELP, START, NONE }

    private static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPT OUT", "OPTOUT");
    private static final Set<String> HELP = Set.of("HELP", "INFO");
    private static final Set<String> START = Set.of("START", "UNSTOP", "YES");

    private SmsKeywords() {
    }

    public static Intent of(String body) {
        if (body == null) {
            return Intent.NONE;
        }
        // letters kept, everything else a space, then spaces collapsed: " Stop! " and "opt-out" both match
        String words = body.toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
        if (STOP.contains(words)) {
            return Intent.STOP;
        }
        if (HELP.contains(words)) {
            return Intent.HELP;
        }
        if (START.contains(words)) {
            return Intent.START;
        }
        return Intent.NONE;
    }
}
