package io.beacon.push;

import java.util.Map;

/** The offer notification, in one place until templates arrive; it always carries the preferences deep link. */
public class PushText {

    /** One notification: what the lock screen shows, plus data for the app. */
    public record Notification(String title, String body, Map<String, String> data) {
    }

    private final String bankName;
    private final String preferencesLink;
    private final Map<String, String> productNames;

    public PushText(String bankName, String preferencesLink, Map<String, String> productNames) {
        this.bankName = bankName;
        this.preferencesLink = preferencesLink;
        this.productNames = Map.copyOf(productNames);
    }

    public Notification offer(String firstName, String productCode) {
        String greeting = firstName == null || firstName.isBlank() ? "Hi" : "Hi " + firstName.strip();
        String product = productCode == null ? "a new offer" : productNames.getOrDefault(productCode, productCode);
        return new Notification(bankName, greeting + ", " + product + " is available for you.",
                Map.of("preferencesLink", preferencesLink));
    }
}
