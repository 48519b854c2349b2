package io.beacon.decisioning.rules;

/**
 * One reason a rules version was refused.
 *
 * @param file the file, relative to the rules folder
 * @param line 1-based, or 0 when the source gives none
 * @param pointer the JSON Pointer of the offending field (catalogue problems only), else null
 */
public record RuleProblem(String file, int line, String pointer, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (pointer == null ? "" : pointer + ": ") + reason;
    }
}
