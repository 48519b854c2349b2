package io.beacon.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InfraSettingsTest {

    @Test
    void usesTheDocumentedDefaultsWhenNothingIsSet() {
        InfraSettings settings = InfraSettings.resolve(key -> null, key -> null);

        assertThat(settings.port(InfraSettings.KAFKA)).isEqualTo(9092);
        assertThat(settings.port(InfraSettings.KAFKA_CONTROLLER)).isEqualTo(9093);
        assertThat(settings.port(InfraSettings.ZEEBE)).isEqualTo(26500);
        assertThat(settings.port(InfraSettings.MONGO)).isEqualTo(27017);
        assertThat(settings.port(InfraSettings.SMTP)).isEqualTo(3025);
        assertThat(settings.port(InfraSettings.IMAP)).isEqualTo(3143);
        assertThat(settings.port(InfraSettings.TWILIO)).isEqualTo(8091);
        assertThat(settings.port(InfraSettings.FCM)).isEqualTo(8092);
        assertThat(settings.port(InfraSettings.MAIL)).isEqualTo(8093);
        assertThat(settings.dataDir()).isEqualTo(Path.of(".beacon/data").toAbsolutePath());
        assertThat(settings.mongoBackend()).isEqualTo(InfraSettings.MongoBackendKind.H2);
        assertThat(settings.fresh()).isFalse();
    }

    @Test
    void prefersSystemPropertiesOverEnvironmentVariables() {
        Map<String, String> properties = Map.of("beacon.infra.kafka.port", "19092", "beacon.mongo.backend", "memory");
        Map<String, String> environment = Map.of(
                "BEACON_INFRA_KAFKA_PORT", "29092",
                "BEACON_INFRA_KAFKA_CONTROLLER_PORT", "29093",
                "BEACON_INFRA_DATA_DIR", "/tmp/beacon-env");

        InfraSettings settings = InfraSettings.resolve(properties::get, environment::get, "--fresh");

        assertThat(settings.port(InfraSettings.KAFKA)).isEqualTo(19092);
        assertThat(settings.port(InfraSettings.KAFKA_CONTROLLER)).isEqualTo(29093);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/beacon-env"));
        assertThat(settings.mongoBackend()).isEqualTo(InfraSettings.MongoBackendKind.MEMORY);
        assertThat(settings.fresh()).isTrue();
    }

    @Test
    void rejectsAPortThatIsNotAPortAndUnknownArguments() {
        assertThatThrownBy(() -> InfraSettings.resolve(Map.of("beacon.infra.smtp.port", "70000")::get, key -> null))
                .hasMessageContaining("beacon.infra.smtp.port must be a TCP port");
        assertThatThrownBy(() -> InfraSettings.resolve(key -> null, key -> null, "--fersh"))
                .hasMessageContaining("Unknown argument --fersh");
    }
}
