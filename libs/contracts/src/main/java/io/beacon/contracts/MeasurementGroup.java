package io.beacon.contracts;

/**
 * Which group of a journey's measurement a customer is in (ADR 0025). Assigned when the journey starts, stable per
 * customer: GLOBAL_CONTROL is held out of every journey (the programme's control group), HOLDOUT out of this journey
 * only, TREATMENT gets the offer. Both held-out groups follow the journey's measurement-only path through the same
 * attribution window, so their purchases count.
 */
public enum MeasurementGroup {
    TREATMENT, HOLDOUT, GLOBAL_CONTROL;

    /** Whether the customer is held out of the journey's messages. */
    public boolean heldOut() {
        return this != TREATMENT;
    }
}
