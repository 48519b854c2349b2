package io.beacon.profiles.tags;

/** Why a tag definitions file was refused: the file, the line and JSON Pointer of the place, and the reason. */
public record TagProblem(String file, int line, String pointer, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + (pointer == null || pointer.isEmpty() ? "" : ": " + pointer) + ": " + reason;
    }
}
