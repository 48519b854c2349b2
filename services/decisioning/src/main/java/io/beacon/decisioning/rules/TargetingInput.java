package io.beacon.decisioning.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The inputs a targeting table (a DMN decision table under rules/) may use: each is an {@code inputData} of the DMN file,
 * named exactly so, with the FEEL type it has (the {@code typeRef} a file may declare on it). A table that requires any
 * customer input reads the profile, so it is personalised (PIPL Art. 24: never evaluated for a customer who refused
 * profiling). The list is also in rules/README.md ("Targeting tables (DMN)"), kept equal by a test.
 */
public enum TargetingInput {
    EVENT_TYPE("eventType", "string", false, "the bank event's type, e.g. \"bank.transaction.posted\"", (e, c) -> e.getType()),
    DIRECTION("direction", "string", false, "\"CREDIT\" or \"DEBIT\" (transactions)", (e, c) -> e.getDirection()),
    CATEGORY("category", "string", false, "e.g. \"SALARY\", \"CARD\", \"TRANSFER\" (transactions)", (e, c) -> e.getCategory()),
    AMOUNT("amount", "number", false, "the amount in its currency (transactions, deposits)", (e, c) -> e.getAmount()),
    CURRENCY("currency", "string", false, "ISO 4217 code, e.g. \"GBP\"", (e, c) -> e.getCurrency()),
    MERCHANT_COUNTRY("merchantCountry", "string", false, "ISO 3166 alpha-2 code of a card payment's merchant", (e, c) -> e.getMerchantCountry()),
    DAYS_TO_MATURITY("daysToMaturity", "number", false, "days from today to a term deposit's maturity (0 = today)", null),
    AGE("age", "number", true, "the customer's age in whole years", (e, c) -> c.getAge()),
    SEGMENT("segment", "string", true, "e.g. \"MASS\", \"AFFLUENT\", \"PRIVATE\"", (e, c) -> c.getSegment()),
    COUNTRY("country", "string", true, "the customer's country, ISO 3166 alpha-2", (e, c) -> c.getCountry()),
    HOLDINGS_COUNT("holdingsCount", "number", true, "how many products the customer holds", (e, c) -> c.getHoldingsCount()),
    TAGS("tags", null, true, "the customer's persona tags that hold now (a list of strings: list contains(tags, \"x\"))", (e, c) -> c.getTags());

    private final String variable;
    private final String typeRef;
    private final boolean customer;
    private final String meaning;
    private final BiFunction<EventFact, CustomerFact, Object> value;

    TargetingInput(String variable, String typeRef, boolean customer, String meaning, BiFunction<EventFact, CustomerFact, Object> value) {
        this.variable = variable;
        this.typeRef = typeRef;
        this.customer = customer;
        this.meaning = meaning;
        this.value = value;
    }

    /** The inputData name in a DMN file (a FEEL variable). */
    public String variable() {
        return variable;
    }

    /** The FEEL type ({@code string}, {@code number}); null for a list (tags), which DMN 1.3 has no built-in name for. */
    public String typeRef() {
        return typeRef;
    }

    /** Reads the customer's profile: a table that requires it is personalised. */
    public boolean customer() {
        return customer;
    }

    public String meaning() {
        return meaning;
    }

    static Optional<TargetingInput> of(String variable) {
        return Arrays.stream(values()).filter(i -> i.variable.equals(variable)).findFirst();
    }

    /** The value for one event; customer inputs are null when there is no customer to read (no profiling). */
    Object valueFor(EventFact event, CustomerFact customer, LocalDate today) {
        if (this == DAYS_TO_MATURITY) {
            LocalDate maturity = event.getMaturityDate();
            return maturity == null ? null : BigDecimal.valueOf(ChronoUnit.DAYS.between(today, maturity));
        }
        if (this.customer && customer == null) {
            return null;
        }
        Object v = value.apply(event, customer);
        if (v instanceof java.util.Collection<?> c) {
            return List.copyOf(c); // FEEL's list functions take a list
        }
        return v instanceof Integer i ? BigDecimal.valueOf(i) : v;
    }
}
