package io.beacon.decisioning.rules;

/** A journey for this customer and product that started and has not ended yet (see ContactHistory). */
public record RunningJourney(String productCode, String decisionId) {
    public String getProductCode() {
        return productCode;
    }

    public String getDecisionId() {
        return decisionId;
    }
}
