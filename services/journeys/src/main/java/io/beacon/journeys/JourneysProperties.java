package io.beacon.journeys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param directory the workflows/ folder; every .bpmn in it is deployed at start, and again when the folder changes
 * @param reloadInterval how often the folder is compared with what was deployed
 * @param jobTypes the job types Beacon's workers serve (default {@link JourneyRules#BEACON_JOB_TYPES}): a journey using
 *     any other is refused at deploy
 * @param triggerMessageTtl how long a start message is kept: within it a replayed event id is refused by Zeebe too
 * @param engineCheckInterval how often the engine is checked for a lost state while no trigger comes (ADR 0020)
 * @param startPatience how long the journey starts of a batch may be pushed back by the engine before the batch fails
 *     and is consumed again
 * @param holdoutShare the share of customers (0 to 1) held out of each journey: they get HELD_OUT and no message;
 *     stable per customer and journey ({@link Holdout}); 0 holds out nobody (the end-to-end suite sets it); a journey
 *     may set its own with the process property {@code beacon.holdout-share}
 * @param globalControlShare the share of customers (0 to 1) in the global control group, held out of every journey
 *     to measure the programme's total effect (ADR 0025); stable per customer
 */
@Validated
@ConfigurationProperties("beacon.journeys")
public record JourneysProperties(Path directory, Duration triggerMessageTtl, @DefaultValue("0.1") double holdoutShare,
                                 @DefaultValue("2s") Duration reloadInterval,
                                 List<String> jobTypes,
                                 @DefaultValue("5s") Duration engineCheckInterval,
                                 @DefaultValue("60s") Duration startPatience,
                                 @DefaultValue("0") double globalControlShare) {

    public JourneysProperties {
        jobTypes = jobTypes == null || jobTypes.isEmpty() ? JourneyRules.BEACON_JOB_TYPES : List.copyOf(jobTypes);
        if (holdoutShare < 0 || holdoutShare > 1) {
            throw new IllegalArgumentException("beacon.journeys.holdout-share must be between 0 and 1, was " + holdoutShare);
        }
        if (globalControlShare < 0 || globalControlShare > 1) {
            throw new IllegalArgumentException("beacon.journeys.global-control-share must be between 0 and 1, was " + globalControlShare);
        }
    }
}
