package io.beacon.contracts.api.journeys;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/journeys} shows. While the engine is being recovered or cannot be reached, {@code deployed} is
 * empty: nothing is known to be deployed on it.
 *
 * @param directory   the workflows folder deployed from
 * @param engine      which engine epoch answers and whether it holds the journeys (ADR 0020)
 * @param deployed    the journeys deployed on it
 * @param deployedAt  when the deployment was taken; null before the first
 * @param lastRefused the last set of files refused, with every reason; null when none was
 * @param watching    whether a change to the folder is deployed while it runs
 * @param running     the instances running per journey now
 */
public record JourneysState(String directory, Engine engine, List<Deployed> deployed, Instant deployedAt, Refusal lastRefused,
                            boolean watching, Running running) {

    /**
     * A journey as the engine has it deployed.
     *
     * @param processId    the process id
     * @param version      the engine's version of it
     * @param file         the file name
     * @param stage        the lifecycle stage the file declares: attract, retain or leverage
     * @param triggers     the messages that start it (decisioning's trigger names)
     * @param holdoutShare the share of its customers held out, when the file sets one (ADR 0025), else null
     */
    public record Deployed(String processId, int version, String file, String stage, List<String> triggers, Double holdoutShare) {
    }

    /**
     * A set of files that was refused; what was deployed before keeps running.
     *
     * @param at       when
     * @param problems every reason
     */
    public record Refusal(Instant at, List<String> problems) {
    }

    /**
     * The engine that answers.
     *
     * @param epoch        the engine epoch: a new one means an engine that lost its state was found
     * @param status       {@code CURRENT}, {@code RECOVERING}, {@code UNREACHABLE} or {@code UNKNOWN} (not probed yet)
     * @param confirmedAt  when it was last confirmed to hold the journeys; null before
     * @param problem      why it cannot be used, when it cannot; else null
     * @param lastRecovery the last recovery; null when there was none
     */
    public record Engine(long epoch, String status, Instant confirmedAt, String problem, Recovery lastRecovery) {
    }

    /**
     * A recovery of a new engine.
     *
     * @param epoch                 its epoch
     * @param detectedAt            when the loss was noticed
     * @param redeployed            the journeys deployed on it again
     * @param recreationRequestedAt when the running instances' re-creation was asked; null before
     */
    public record Recovery(long epoch, Instant detectedAt, List<String> redeployed, Instant recreationRequestedAt) {
    }

    /**
     * Instances running now.
     *
     * @param counts  per journey
     * @param atLeast true when a count is a lower bound (the engine's search stopped counting)
     * @param unknown why the counts are not known, when they are not; else null
     */
    public record Running(Map<String, Long> counts, boolean atLeast, String unknown) {
    }
}
