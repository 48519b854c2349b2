package io.beacon.console.access;

/** The four kinds of console user; each sees only what its work needs. */
public enum ConsoleRole {
    /** Relationship manager: reviews offers for the customers in their own book. */
    RM,
    /** Marketing ops: journeys, funnels, channel health, rule versions, simulations. */
    MARKETING_OPS,
    /** Compliance: decisions and their evidence, review decisions, consent changes; exports. */
    COMPLIANCE,
    /** Everything, every book. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
