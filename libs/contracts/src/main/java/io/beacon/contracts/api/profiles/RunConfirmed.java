package io.beacon.contracts.api.profiles;

/** @param confirmed always true: a run that cannot be confirmed is refused instead */
public record RunConfirmed(boolean confirmed, String runId) {
}
