package io.beacon.contracts.api.consent;

import java.util.List;

/** @param suppressed those of the tokens asked about that belonged to an erased person: never marketed to again */
public record SuppressedTokens(List<String> suppressed) {
}
