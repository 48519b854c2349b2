package io.beacon.delivery;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where the Beacon services a sender asks live. */
@Validated
@ConfigurationProperties("beacon.services")
public record ServicesProperties(@NotNull URI profilesUrl, @NotNull URI consentUrl, @NotNull Duration timeout) {
}
