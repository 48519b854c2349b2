package io.beacon.contracts.api.decisioning;

/** @param rulesVersion the rules version decisioning decides with now */
public record RulesVersion(String rulesVersion) {
}
