package io.beacon.contracts.api.decisioning;

/**
 * One reason a rules version was refused.
 *
 * @param file    the file, relative to the rules folder
 * @param line    1-based, or 0 when the source gives none
 * @param pointer the JSON Pointer of the offending field (catalogue problems only), else null
 * @param reason  what is wrong
 */
public record RuleProblem(String file, int line, String pointer, String reason) {
}
