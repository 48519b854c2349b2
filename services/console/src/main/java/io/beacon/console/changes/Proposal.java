package io.beacon.console.changes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change set to rules/, workflows/ or content/ on its way to going live (ADR 0029): proposed by one person,
 * checked and replayed by Beacon, approved by another.
 *
 * @param base    the live release it was proposed on: it can go live only while that one is still live
 * @param changes path below the repository root → its new text; a null text deletes the file
 * @param diff    per changed file, what changes, as a unified diff against the base
 * @param checks  what each service said of the proposed folders (compile, lint, templates), per service
 * @param report  the shadow replay's report (decisioning's answer), or null before or without one
 * @param problems why it was refused (a check that failed), empty otherwise
 */
public record Proposal(String id, String title, String author, Instant createdAt, long base, Status status, Map<String, String> changes,
                       List<FileDiff> diff, Map<String, Object> checks, Map<String, Object> report, List<String> problems,
                       String decidedBy, Instant decidedAt, String reason, Long release) {

    public enum Status {
        /** Being compiled, linted and replayed. */
        CHECKING,
        /** Every check passed: waiting for a second person's approval. */
        READY,
        /** A check failed; it can never go live. */
        REFUSED,
        /** Approved and live as {@link #release}. */
        LIVE,
        /** An approver said no. */
        REJECTED,
        /** Its author took it back. */
        WITHDRAWN,
        /** Another release went live first: it was checked against a version that is gone. */
        SUPERSEDED;

        public boolean open() {
            return this == CHECKING || this == READY;
        }
    }

    /** @param kind added, modified or deleted */
    public record FileDiff(String path, String kind, String unified) {
    }
}
