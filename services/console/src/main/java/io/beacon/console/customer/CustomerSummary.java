package io.beacon.console.customer;

import io.beacon.console.services.BeaconServices;
import io.beacon.platform.Masking;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an RM sees of a customer next to an offer: enough to judge suitability, contact points masked
 * ({@code +86 138****5678}, {@code j***@example.com}); the console never holds them in clear on a page.
 */
public record CustomerSummary(
        String customerId,
        String firstName,
        String segment,
        String country,
        String language,
        Integer age,
        String relationshipManager,
        Object riskTolerance,
        Object knowledgeLevel,
        Object riskAssessedAt,
        List<String> flags,
        Object holdings,
        String phone,
        String email,
        boolean push,
        boolean noProfiling) {

    @SuppressWarnings("unchecked")
    public static CustomerSummary of(Map<String, Object> profile, BeaconServices services, String customerId) {
        Map<String, Object> contact = services.object("profiles", "/api/profiles/{id}/contact-points", customerId).orElse(Map.of());
        Map<String, Object> risk = profile.get("riskProfile") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
        Map<String, Object> flagMap = profile.get("flags") instanceof Map<?, ?> f ? (Map<String, Object>) f : Map.of();
        var flags = new ArrayList<String>();
        flagMap.forEach((flag, on) -> {
            if (Boolean.TRUE.equals(on)) {
                flags.add(flag);
            }
        });
        Integer age = profile.get("birthDate") == null ? null
                : Period.between(LocalDate.parse(profile.get("birthDate").toString()), LocalDate.now()).getYears();
        return new CustomerSummary(customerId, (String) contact.get("firstName"), (String) profile.get("segment"),
                (String) profile.get("country"), (String) profile.get("language"), age, (String) profile.get("relationshipManager"),
                risk.get("tolerance"), risk.get("knowledgeLevel"), risk.get("assessedAt"), flags, profile.get("holdings"),
                contact.get("phone") == null ? null : masked(contact.get("phone").toString(), true),
                contact.get("email") == null ? null : masked(contact.get("email").toString(), false),
                contact.get("pushToken") != null,
                Boolean.TRUE.equals(profile.get("noProfiling")) || Boolean.TRUE.equals(contact.get("noProfiling")));
    }

    /** Masks again whatever the profiles service sent: a value already masked stays as it is. */
    private static String masked(String value, boolean phone) {
        if (value.contains("*")) {
            return value;
        }
        return phone ? Masking.phone(value) : Masking.email(value);
    }
}
