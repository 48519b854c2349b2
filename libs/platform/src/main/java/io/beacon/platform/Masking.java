package io.beacon.platform;

/** Masks contact points for logs and screens: {@code +86 138****5678}, {@code j***@example.com}. */
public final class Masking {

    private Masking() {
    }

    public static String phone(String e164) {
        if (e164 == null || e164.length() < 8) {
            return "****";
        }
        return e164.substring(0, Math.min(6, e164.length() - 4)) + "****" + e164.substring(e164.length() - 4);
    }

    public static String email(String email) {
        if (email == null) {
            return "***";
        }
        int at = email.indexOf('@');
        if (at < 1) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    public static String token(String token) {
        if (token == null || token.length() < 8) {
            return "****";
        }
        return token.substring(0, 4) + "****";
    }
}
