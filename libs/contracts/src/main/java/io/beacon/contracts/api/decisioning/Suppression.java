package io.beacon.contracts.api.decisioning;

import io.beacon.contracts.ReasonCode;

/**
 * A check an offer failed.
 *
 * @param reason why it may not be offered
 * @param rule   the rule that said so
 */
public record Suppression(ReasonCode reason, String rule) {
}
