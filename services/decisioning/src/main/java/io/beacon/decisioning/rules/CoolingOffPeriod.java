package io.beacon.decisioning.rules;

/** How many days after a rejection a product is not offered again (configuration, handed to the rules as a fact). */
public record CoolingOffPeriod(int days) {
    public int getDays() {
        return days;
    }
}
