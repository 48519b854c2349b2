package io.beacon.decisioning.rules;

import java.util.List;
import java.util.Map;

/** One offer of the catalogue in rules/catalogue/offers.json. */
public class Product {

    /**
     * The suitability regimes (ADR 0037): which checks govern a product. {@code investment}: MiFID II suitability and
     * appropriateness (a current risk profile, risk tolerance, knowledge of a complex product); {@code credit}:
     * creditworthiness (no arrears, a regular income on record, not vulnerable or a minor); {@code card}: no arrears,
     * not a minor; {@code deposit}: eligibility alone.
     */
    public static final List<String> REGIMES = List.of("investment", "credit", "card", "deposit");

    private String code;
    private String name;
    private String category;
    private String suitabilityRegime;
    private String stage;
    private int riskRating;
    private boolean complex;
    private int minAge;
    private int maxAge;
    private List<String> jurisdictions = List.of();
    private boolean rmReview;
    private boolean secondApproval;
    private List<String> channels = List.of();
    private double expectedValue;
    private Map<String, Map<String, String>> templates = Map.of();
    private Variant nonPersonalised = new Variant();

    /** The generic variant of an offer, for customers who refused profiling: it uses none of their characteristics. */
    public static class Variant {
        private Map<String, Map<String, String>> templates = Map.of();

        /** Channel to locale to template id. */
        public Map<String, Map<String, String>> getTemplates() { return templates; }
        public void setTemplates(Map<String, Map<String, String>> templates) { this.templates = templates; }
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    /** One of {@link #REGIMES}: which suitability checks apply to the product. */
    public String getSuitabilityRegime() { return suitabilityRegime; }
    public void setSuitabilityRegime(String suitabilityRegime) { this.suitabilityRegime = suitabilityRegime; }
    public String getStage() { return stage; }
    public void setStage(String stage) { this.stage = stage; }
    public int getRiskRating() { return riskRating; }
    public void setRiskRating(int riskRating) { this.riskRating = riskRating; }
    public boolean isComplex() { return complex; }
    public void setComplex(boolean complex) { this.complex = complex; }
    public int getMinAge() { return minAge; }
    public void setMinAge(int minAge) { this.minAge = minAge; }
    public int getMaxAge() { return maxAge; }
    public void setMaxAge(int maxAge) { this.maxAge = maxAge; }
    public List<String> getJurisdictions() { return jurisdictions; }
    public void setJurisdictions(List<String> jurisdictions) { this.jurisdictions = jurisdictions; }
    public boolean isRmReview() { return rmReview; }
    public void setRmReview(boolean rmReview) { this.rmReview = rmReview; }
    /** Flagged for a checker after the RM (complex investments), whatever its value (ADR 0028). */
    public boolean isSecondApproval() { return secondApproval; }
    public void setSecondApproval(boolean secondApproval) { this.secondApproval = secondApproval; }

    /**
     * Whether an offer of this product needs a second approver after the RM (ADR 0028): only an RM-reviewed offer can,
     * and it does when the catalogue flags the product or its expected value is above the catalogue's threshold.
     *
     * @param valueAbove the catalogue's {@code secondApprovalAboveValue}; null when the catalogue sets none
     */
    public boolean needsSecondApproval(Double valueAbove) {
        return rmReview && (secondApproval || (valueAbove != null && expectedValue > valueAbove));
    }

    public List<String> getChannels() { return channels; }
    public void setChannels(List<String> channels) { this.channels = channels; }
    public double getExpectedValue() { return expectedValue; }
    public void setExpectedValue(double expectedValue) { this.expectedValue = expectedValue; }
    /** Channel to locale to template id. */
    public Map<String, Map<String, String>> getTemplates() { return templates; }
    public void setTemplates(Map<String, Map<String, String>> templates) { this.templates = templates; }
    public Variant getNonPersonalised() { return nonPersonalised; }
    public void setNonPersonalised(Variant nonPersonalised) { this.nonPersonalised = nonPersonalised; }
}
