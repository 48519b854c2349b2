package io.beacon.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A journey as the engine has it deployed now, on {@link Topics#JOURNEYS_CATALOGUE} keyed by {@code journey}: the
 * latest record per key is the catalogue. Published by the journeys service after every deployment the engine took.
 *
 * @param journey  the BPMN process id
 * @param version  the engine's version of it
 * @param stage    the lifecycle stage the file declares (attract, retain, leverage), null if none
 * @param triggers the names of the messages that start it (the decisioning triggers, e.g. SalaryCredited)
 * @param holdoutShare the share of its customers held out (ADR 0025): the file's own, else the service's default
 */
public record JourneyDeployed(String journey, int version, String stage, List<String> triggers, String file, Instant deployedAt,
                              Double holdoutShare) {

    public JourneyDeployed {
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }
}
