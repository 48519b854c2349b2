package io.beacon.contracts.api.profiles;

/**
 * @param eventsRecorded  recorded accepted events of the tag's event type that were read
 * @param profilesRead    profiles given their events
 * @param profilesChanged profiles whose tag changed; zero on a second run
 */
public record TagBackfillResult(String tag, long eventsRecorded, long profilesRead, long profilesChanged) {
}
