package io.beacon.contracts.api.profiles;

import java.util.List;

/** @param customerIds the customers whose profile holds the number, found by its blind index; empty when nobody's does */
public record PhoneHolders(List<String> customerIds) {
}
