package io.beacon.console.access;

/** The kinds of console user; each sees only what its work needs. */
public enum ConsoleRole {
    /** Relationship manager: reviews offers for the customers in their own book. */
    RM,
    /** Marketing ops: journeys, funnels, channel health, rule versions, simulations. */
    MARKETING_OPS,
    /** Compliance: decisions and their evidence, review decisions, consent changes; exports. */
    COMPLIANCE,
    /**
     * Second approver (the checker) of the offers the catalogue flags, after the RM (the maker): never the RM who
     * approved the same offer.
     */
    OFFER_CHECKER,
    /** Approves proposed changes to rules, journeys and content (four eyes): never a change they proposed. */
    APPROVER,
    /** Everything, every book. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
