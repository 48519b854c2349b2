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

    /**
     * @param enabled false for services that run no job worker and start no process
     * @param workerThreads threads that run job handlers; handlers wait on HTTP, MongoDB and Kafka, so one thread
     *                      (the client's default) leaves jobs queued in the worker until their lease runs out
     */
    public record Zeebe(boolean enabled, URI grpcAddress, URI restAddress, Integer workerThreads) {
        public int workerThreadsOrDefault() {
            return workerThreads == null || workerThreads < 1 ? 8 : workerThreads;
        }
    }
}
