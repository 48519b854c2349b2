package io.beacon.contracts.api.decisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rules decisioning serves, as {@code GET /api/rules} shows them.
 *
 * @param version          the rules version serving
 * @param catalogueVersion the product catalogue version serving with it
 * @param loadedAt         when that version was loaded
 * @param rulesDirectory   the rules folder it watches, as an absolute path
 * @param watching         whether a change to the folder is picked up while it runs
 * @param interval         how often the folder is looked at
 * @param lastRejected     the last version refused, with every reason; null when none was
 */
public record RulesStatus(String version, String catalogueVersion, Instant loadedAt, String rulesDirectory, boolean watching,
                          Duration interval, Rejection lastRejected) {

    /**
     * A rules version that was refused; the one before it kept serving.
     *
     * @param at          when it was refused
     * @param fingerprint the refused folder's content fingerprint
     * @param problems    every reason
     */
    public record Rejection(Instant at, String fingerprint, List<RuleProblem> problems) {
    }
}
