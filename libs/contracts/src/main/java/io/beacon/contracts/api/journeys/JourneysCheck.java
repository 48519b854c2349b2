package io.beacon.contracts.api.journeys;

import java.util.List;

/**
 * What a proposed workflows/ folder would deploy.
 *
 * @param journeys each journey the files declare
 * @param problems every reason the deployment would refuse them; empty when it would take them
 */
public record JourneysCheck(List<Declared> journeys, List<String> problems) {

    /**
     * A journey as its file declares it.
     *
     * @param journey      the process id
     * @param file         the file name
     * @param stage        the lifecycle stage: attract, retain or leverage
     * @param triggers     the messages that start it (decisioning's trigger names)
     * @param holdoutShare the share of its customers held out, when the file sets one (ADR 0025), else null
     */
    public record Declared(String journey, String file, String stage, List<String> triggers, Double holdoutShare) {
    }
}
