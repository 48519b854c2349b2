package io.beacon.platform;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Addresses of the infrastructure a service uses: plain configuration, so that the same service runs against
 * the embedded infrastructure and against a real deployment.
 */
@Validated
@ConfigurationProperties("beacon")
public record BeaconProperties(Mongo mongo, Zeebe zeebe) {

    /** @param database each service owns its own database */
    public record Mongo(@NotBlank String uri, @NotBlank String database) {
    }

    /** @param enabled false for services that run no job worker and start no process */
    public record Zeebe(boolean enabled, URI grpcAddress, URI restAddress) {
    }
}
