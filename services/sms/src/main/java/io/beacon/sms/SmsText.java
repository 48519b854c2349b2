package io.beacon.sms;

import java.util.Map;

/**
 * The offer text, in one place until templates arrive. Every text names the bank (marketing must be identifiable as
 * such) and ends with the way out the CTIA rules ask for.
 */
public class SmsText {

    private final String bankName;
    private final Map<String, String> productNames;

    public SmsText(String bankName, Map<String, String> productNames) {
        this.bankName = bankName;
        this.productNames = Map.copyOf(productNames);
    }

    public String offer(String firstName, String productCode) {
        String greeting = firstName == null || firstName.isBlank() ? "Hi" : "Hi " + firstName.strip();
        String product = productCode == null ? "a new offer" : productNames.getOrDefault(productCode, productCode);
        return bankName + ": " + greeting + ", " + product + " is available for you. Reply STOP to opt out";
    }
}
