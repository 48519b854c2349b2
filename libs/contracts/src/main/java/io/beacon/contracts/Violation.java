package io.beacon.contracts;

/** One reason an event was refused: the JSON Pointer of the offending field and what is wrong with it. */
public record Violation(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
