package io.beacon.decisioning.rules;

import io.beacon.contracts.ProfileSnapshot;
import java.time.LocalDate;
import java.util.Set;

/** The customer's profile as rules see it, read at the moment of decision. */
public class CustomerFact {
    private final ProfileSnapshot profile;
    private final LocalDate today;

    public CustomerFact(ProfileSnapshot profile, LocalDate today) {
        this.profile = profile;
        this.today = today;
    }

    public String getCustomerId() {
        return profile.customerId();
    }

    public Integer getAge() {
        return profile.ageOn(today);
    }

    public String getCountry() {
        return profile.country();
    }

    public String getSegment() {
        return profile.segment();
    }

    public boolean isVulnerable() {
        return flags().vulnerable();
    }

    public boolean isInArrears() {
        return flags().inArrears();
    }

    public boolean isMinor() {
        return flags().minor() || (getAge() != null && getAge() < 18);
    }

    public boolean isDeceased() {
        return flags().deceased();
    }

    public Integer getRiskTolerance() {
        return profile.riskProfile() == null ? null : profile.riskProfile().tolerance();
    }

    public String getKnowledgeLevel() {
        return profile.riskProfile() == null ? null : profile.riskProfile().knowledgeLevel();
    }

    public LocalDate getRiskAssessedAt() {
        return profile.riskProfile() == null ? null : profile.riskProfile().assessedAt();
    }

    public Set<String> getHoldings() {
        return profile.holdings() == null ? Set.of() : profile.holdings();
    }

    public int getHoldingsCount() {
        return getHoldings().size();
    }

    /** True on the login that was the customer's first: the profile stamps both times with that login. */
    public boolean isFirstDigitalLoginJustNow() {
        var first = profile.tags() == null ? null : profile.tags().get("firstDigitalLogin");
        return first != null && first.equals(profile.lastDigitalLogin());
    }

    /** The persona tags that hold for the customer (rules/tags/); a rule reads them as {@code CustomerFact( tags contains "x" )}. */
    public Set<String> getTags() {
        return profile.personaTags();
    }

    public boolean isNoProfiling() {
        return profile.noProfiling();
    }

    /** How long ago a salary may have been credited and still count as a regular income (two monthly cycles, with slack). */
    public static final int REGULAR_INCOME_DAYS = 62;

    /**
     * A regular income on record: a salary credited in the last {@value #REGULAR_INCOME_DAYS} days (by the customer's
     * account, as profiles keeps it). What a credit product's affordability check reads (ADR 0037).
     */
    public boolean isIncomeOnRecord() {
        var salary = profile.salary();
        if (salary == null || salary.lastCreditedAt() == null) {
            return false;
        }
        LocalDate credited = salary.lastCreditedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        return !credited.plusDays(REGULAR_INCOME_DAYS).isBefore(today);
    }

    /** True on the first salary credit and when the amount changed since the previous one. */
    public boolean isFirstOrChangedSalary() {
        var salary = profile.salary();
        if (salary == null || salary.amount() == null) {
            return false;
        }
        return salary.previousAmount() == null || salary.previousAmount().compareTo(salary.amount()) != 0;
    }

    private ProfileSnapshot.Flags flags() {
        return profile.flags() == null ? ProfileSnapshot.Flags.NONE : profile.flags();
    }
}
