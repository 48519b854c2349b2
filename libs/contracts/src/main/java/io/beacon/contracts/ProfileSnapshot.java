package io.beacon.contracts;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The customer's profile as decisions see it: no contact points, only what some rule needs.
 *
 * @param tags tag name to the time it was last set; rules read them with a time window
 * @param contactChannels the channels for which a contact point is on file (not the contact points)
 * @param noProfiling the customer refused profiling (PIPL Art. 24): only generic offers, chosen without tags; false when
 *                    absent, whichever JSON mapper reads it
 * @param personaTags the persona tags (declared in {@code rules/tags/}) that hold at the moment of the snapshot; always
 *                    empty for a customer who refused profiling
 * @param birthDate   null in every snapshot the profiles service gives (on beacon.events.profiled and over HTTP): it says
 *                    {@code age} instead (ADR 0038); set only in a hypothetical profile (a simulation, a fixture)
 * @param age         whole years on the day of the snapshot (UTC), computed by profiles from the birth date it keeps sealed
 */
public record ProfileSnapshot(
        String customerId,
        LocalDate birthDate,
        String country,
        String language,
        String timeZone,
        String segment,
        String relationshipManager,
        List<String> preferredChannels,
        Set<String> contactChannels,
        Flags flags,
        RiskProfile riskProfile,
        Salary salary,
        Set<String> holdings,
        Map<String, Instant> tags,
        Instant lastDigitalLogin,
        Instant createdAt,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean noProfiling,
        Set<String> personaTags,
        Integer age) {

    public ProfileSnapshot {
        personaTags = personaTags == null || noProfiling ? Set.of() : Set.copyOf(personaTags);
    }

    /** Whole years on {@code today}: from the birth date when the snapshot has one, else the age it was given with; null when neither. */
    public Integer ageOn(LocalDate today) {
        return birthDate != null ? Integer.valueOf(java.time.Period.between(birthDate, today).getYears()) : age;
    }

    public record Flags(boolean vulnerable, boolean inArrears, boolean deceased, boolean minor) {
        public static final Flags NONE = new Flags(false, false, false, false);
    }

    public record RiskProfile(int tolerance, String knowledgeLevel, LocalDate assessedAt) {
    }

    /** @param previousAmount the salary before the latest one, null on the first */
    public record Salary(BigDecimal amount, String currency, BigDecimal previousAmount, Instant lastCreditedAt) {
    }
}
