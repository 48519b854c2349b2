package io.beacon.decisioning;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param rulesDirectory the rules/ folder with the DRL files and the offer catalogue
 * @param quietHoursFrom local time in the customer's zone from which no marketing is sent
 */
@Validated
@ConfigurationProperties("beacon.decisioning")
public record DecisioningProperties(Path rulesDirectory, LocalTime quietHoursFrom, LocalTime quietHoursUntil,
                                    String defaultTimeZone, URI profilesUrl, URI consentUrl) {
}
