package io.beacon.profiles.campaigns;

/**
 * One reason an audiences-and-campaigns version was refused.
 *
 * @param file the file, relative to the rules folder
 * @param line 1-based, or 0 when the source gives none
 * @param pointer the JSON Pointer of the offending field, "" for the whole file
 */
public record CampaignProblem(String file, int line, String pointer, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (pointer == null || pointer.isEmpty() ? "" : pointer + ": ") + reason;
    }
}
