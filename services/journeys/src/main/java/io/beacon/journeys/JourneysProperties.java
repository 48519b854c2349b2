package io.beacon.journeys;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param directory the workflows/ folder; every .bpmn in it is deployed at start
 * @param triggerMessageTtl how long a start message is kept: within it a replayed event id is refused by Zeebe too
 * @param holdoutShare the share of customers (0 to 1) held out of each journey: they get HELD_OUT and no message;
 *     stable per customer and journey ({@link Holdout}); 0 holds out nobody (the end-to-end suite sets it)
 */
@Validated
@ConfigurationProperties("beacon.journeys")
public record JourneysProperties(Path directory, Duration triggerMessageTtl, @DefaultValue("0.1") double holdoutShare) {

    public JourneysProperties {
        if (holdoutShare < 0 || holdoutShare > 1) {
            throw new IllegalArgumentException("beacon.journeys.holdout-share must be between 0 and 1, was " + holdoutShare);
        }
    }
}
