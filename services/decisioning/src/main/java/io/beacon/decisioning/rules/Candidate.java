package io.beacon.decisioning.rules;

/**
 * An offer that survived eligibility, suitability and contact history for one event, as arbitration rules see it.
 * Arbitration rules give it propensity and context-weight multipliers through {@code decisions}; the score is
 * propensity x expected value x context weight.
 */
public class Candidate {
    private final String trigger;
    private final Product product;
    private final String key;

    public Candidate(String trigger, Product product) {
        this.trigger = trigger;
        this.product = product;
        this.key = trigger + "/" + product.getCode();
    }

    /** Identifies the candidate within one decision: the trigger that proposed it and the product. */
    public String getKey() {
        return key;
    }

    public String getTrigger() {
        return trigger;
    }

    public String getProductCode() {
        return product.getCode();
    }

    public String getCategory() {
        return product.getCategory();
    }

    public String getStage() {
        return product.getStage();
    }

    public int getRiskRating() {
        return product.getRiskRating();
    }

    public boolean isComplex() {
        return product.isComplex();
    }

    public double getExpectedValue() {
        return product.getExpectedValue();
    }
}
