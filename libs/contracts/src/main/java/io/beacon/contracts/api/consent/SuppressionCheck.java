package io.beacon.contracts.api.consent;

import java.util.List;

/** @param tokens the blind indexes of the contact points asked about; required */
public record SuppressionCheck(List<String> tokens) {
}
