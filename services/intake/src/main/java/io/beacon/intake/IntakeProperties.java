package io.beacon.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize the largest body {@code POST /api/events} reads; a larger one gets 413 before it is read whole.
 *     1 MiB by default: a full batch of {@link EventsController#MAX_BATCH} events of about 2 KiB each, or one event of
 *     the largest size the contract accepts, fits, while no body is larger than what a single Kafka record may carry by
 *     default (the broker's and the producer's 1 MiB), so nothing intake reads has to be split or cut to be recorded
 */
@ConfigurationProperties("beacon.intake")
public record IntakeProperties(@DefaultValue("1MB") DataSize maxBodySize) {

    public IntakeProperties {
        if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("beacon.intake.max-body-size must be between 1 byte and 2 GB, was " + maxBodySize);
        }
    }

    int maxBodyBytes() {
        return (int) maxBodySize.toBytes();
    }
}
