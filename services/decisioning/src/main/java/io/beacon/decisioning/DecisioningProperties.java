package io.beacon.decisioning;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param rulesDirectory the rules/ folder with the DRL files and the offer catalogue
 * @param quietHoursFrom local time in the customer's zone from which no marketing is sent
 * @param suitability    how long a journey's suitability step takes its decision's verdict (ADR 0030)
 */
@Validated
@ConfigurationProperties("beacon.decisioning")
public record DecisioningProperties(Path rulesDirectory, LocalTime quietHoursFrom, LocalTime quietHoursUntil,
                                    String defaultTimeZone, URI profilesUrl, URI consentUrl, Suitability suitability) {

    /**
     * @param decidedWithin a journey's {@code check-suitability} within this long of its decision takes the decision's
     *                      verdict; later (after a wait) it decides again on the profile as it is then
     */
    public record Suitability(Duration decidedWithin) {
        public Suitability {
            decidedWithin = decidedWithin == null ? Duration.ofSeconds(60) : decidedWithin;
        }
    }

    public DecisioningProperties {
        suitability = suitability == null ? new Suitability(null) : suitability;
    }
}
