package io.beacon.contracts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The keys by which Beacon remembers what a journey did: the bank event that triggered it and the journey (BPMN
 * process id), never the engine's process instance key. A journey re-created on a new engine (ADR 0020) runs in a new
 * instance, and a new engine hands out the instance keys of the old one again to other journeys; a key built from the
 * trigger and the journey stays the same for the one and differs between the others. One bank event starts a journey
 * at most once (the trigger's message id), and a journey reaches each of its steps once.
 */
public final class JourneyKeys {

    private JourneyKeys() {
    }

    /** One run of a journey: {@code sourceEventId/journey}. */
    public static String run(String sourceEventId, String journey) {
        return sourceEventId + "/" + journey;
    }

    /** One step of one run: {@code sourceEventId/journey/elementId}. */
    public static String step(String sourceEventId, String journey, String elementId) {
        return run(sourceEventId, journey) + "/" + elementId;
    }

    /** {@link #run} as a name-based UUID: the same for the same run, and safe in a URL. */
    public static String runId(String sourceEventId, String journey) {
        return UUID.nameUUIDFromBytes(run(sourceEventId, journey).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
