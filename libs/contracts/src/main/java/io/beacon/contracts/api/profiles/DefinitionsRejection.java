package io.beacon.contracts.api.profiles;

import java.time.Instant;
import java.util.List;

/**
 * A change of a definitions folder (campaigns and audiences, or persona tags) that was refused: the version before it
 * keeps serving.
 *
 * @param at          when it was refused
 * @param fingerprint the refused files' fingerprint: the same change is refused once, not at every poll
 * @param problems    every reason, each at its place
 */
public record DefinitionsRejection(Instant at, String fingerprint, List<DefinitionProblem> problems) {
}
