package io.beacon.console.customer;

import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.ContactPoints;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.Masking;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * @param profile the profile; empty for a customer profiles does not know (only what the contact points say is shown)
     */
    public static CustomerSummary of(Optional<ProfileSnapshot> profile, ProfilesApi profiles, String customerId) {
        ContactPoints contact;
        try {
            contact = profiles.contactPoints(customerId);
        } catch (ApiProblem.NotFound unknown) {
            contact = new ContactPoints(customerId, null, null, null, false, null, null, null);
        }
        ProfileSnapshot p = profile.orElse(null);
        ProfileSnapshot.RiskProfile risk = p == null ? null : p.riskProfile();
        var flags = new ArrayList<String>();
        if (p != null && p.flags() != null) {
            for (var flag : List.of(Map.entry("vulnerable", p.flags().vulnerable()), Map.entry("inArrears", p.flags().inArrears()),
                    Map.entry("deceased", p.flags().deceased()), Map.entry("minor", p.flags().minor()))) {
                if (flag.getValue()) {
                    flags.add(flag.getKey());
                }
            }
        }
        Integer age = p == null ? null : p.ageOn(LocalDate.now());
        return new CustomerSummary(customerId, contact.firstName(), p == null ? null : p.segment(), p == null ? null : p.country(),
                p == null ? null : p.language(), age, p == null ? null : p.relationshipManager(),
                risk == null ? null : risk.tolerance(), risk == null ? null : risk.knowledgeLevel(), risk == null ? null : risk.assessedAt(),
                flags, p == null ? null : p.holdings(),
                contact.phone() == null ? null : masked(contact.phone(), true),
                contact.email() == null ? null : masked(contact.email(), false),
                contact.pushToken() != null,
                (p != null && p.noProfiling()) || contact.noProfiling());
    }

    /** Masks again whatever the profiles service sent: a value already masked stays as it is. */
    private static String masked(String value, boolean phone) {
        if (value.contains("*")) {
            return value;
        }
        return phone ? Masking.phone(value) : Masking.email(value);
    }
}
