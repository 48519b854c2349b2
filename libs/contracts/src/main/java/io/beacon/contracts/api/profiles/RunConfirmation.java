package io.beacon.contracts.api.profiles;

/** @param confirmedBy who confirms the run (the console's signed-in user); required */
public record RunConfirmation(String confirmedBy) {
}
