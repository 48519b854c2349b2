package io.beacon.journeys;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param directory the workflows/ folder; every .bpmn in it is deployed at start
 * @param triggerMessageTtl how long a start message is kept: within it a replayed event id is refused by Zeebe too
 */
@Validated
@ConfigurationProperties("beacon.journeys")
public record JourneysProperties(Path directory, Duration triggerMessageTtl) {
}
