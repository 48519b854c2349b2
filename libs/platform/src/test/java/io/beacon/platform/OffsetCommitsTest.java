package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.mock.env.MockEnvironment;

/** How every Beacon consumer commits: only after its listener returned, asynchronously, and per interval when a service asks. */
class OffsetCommitsTest {

    @Test
    void byDefaultTheOffsetsOfEachBatchAreCommittedAfterItWithoutWaitingForTheBroker() {
        var container = customized(new MockEnvironment());

        assertThat(container.getContainerProperties().getAckMode()).as("after the listener returned, never before").isEqualTo(AckMode.BATCH);
        assertThat(container.getContainerProperties().isSyncCommits()).isFalse();
        assertThat(container.getCommonErrorHandler()).as("a failed batch is retried, not skipped").isNotNull();
    }

    @Test
    void aCommitIntervalCommitsTheBatchesDoneOncePerInterval() {
        var container = customized(new MockEnvironment().withProperty("beacon.kafka.commit-interval", "100ms"));

        assertThat(container.getContainerProperties().getAckMode()).isEqualTo(AckMode.TIME);
        assertThat(container.getContainerProperties().getAckTime()).isEqualTo(100);
        assertThat(container.getContainerProperties().isSyncCommits()).isFalse();
    }

    private static ConcurrentMessageListenerContainer<String, byte[]> customized(MockEnvironment environment) {
        // "100ms" as a service's configuration writes it: Spring Boot's conversions, as in a running service
        environment.setConversionService((org.springframework.core.convert.support.ConfigurableConversionService)
                org.springframework.boot.convert.ApplicationConversionService.getSharedInstance());
        var container = new ConcurrentMessageListenerContainer<>(new DefaultKafkaConsumerFactory<String, byte[]>(Map.of()),
                new ContainerProperties("beacon.events.profiled"));
        new BeaconPlatformConfiguration().retryUntilProcessed(environment).configure(container, "beacon.events.profiled", "decisioning");
        return container;
    }
}
