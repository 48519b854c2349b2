package io.beacon.contracts.api.profiles;

/**
 * One reason a definitions change was refused.
 *
 * @param file    the file, relative to the rules folder
 * @param line    1-based, or 0 when the source gives none
 * @param pointer the JSON Pointer of the offending field, "" for the whole file
 */
public record DefinitionProblem(String file, int line, String pointer, String reason) {
}
