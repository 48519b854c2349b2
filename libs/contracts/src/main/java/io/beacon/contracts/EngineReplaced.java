package io.beacon.contracts;

import java.time.Instant;
import java.util.List;

/**
 * The workflow engine Beacon's journeys run on lost its state: the journeys service found an engine without its
 * deployments and running journeys (a new or emptied engine), redeployed the journeys, and asks for the journeys that
 * were running to be re-created (ADR 0020). Published on {@link Topics#JOURNEYS_ENGINE}, type
 * {@value #TYPE}; the CloudEvent id is {@code engine-<epoch>}, so a repeated request is one request.
 *
 * @param epoch      the journeys service's count of engines, this one included: the lost engine was {@code epoch - 1}
 * @param detectedAt when the loss was noticed: journeys claimed before it ran on the lost engine and are re-created;
 *                   the ones claimed after it started on the new engine
 * @param journeys   the process ids redeployed to the new engine
 */
public record EngineReplaced(long epoch, Instant detectedAt, List<String> journeys) {

    public static final String TYPE = "beacon.journeys.engine-replaced";
}
