package io.beacon.infra.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where every piece of the local infrastructure listens and keeps its data.
 *
 * <p>Each value comes from a system property ({@code beacon.infra.kafka.port}), else the matching
 * environment variable ({@code BEACON_INFRA_KAFKA_PORT}), else the default.
 */
public record InfraSettings(Map<String, Integer> ports, Path dataDir, MongoBackendKind mongoBackend, boolean fresh) {

    public static final String KAFKA = "kafka";
    public static final String KAFKA_CONTROLLER = "kafka-controller";
    public static final String ZEEBE = "zeebe";
    public static final String ZEEBE_CLOCK = "zeebe-clock";
    public static final String MONGO = "mongo";
    public static final String SMTP = "smtp";
    public static final String IMAP = "imap";
    public static final String TWILIO = "twilio";
    public static final String FCM = "fcm";
    public static final String MAIL = "mail";

    /** Default ports, in start order; the keys are the {@code <component>} of {@code beacon.infra.<component>.port}. */
    public static final Map<String, Integer> DEFAULT_PORTS = defaults();

    public static final Path DEFAULT_DATA_DIR = Path.of(".beacon", "data");

    /** How mongo-java-server keeps its data. */
    public enum MongoBackendKind {
        /** H2 MVStore file: survives restarts. */
        H2,
        /** Heap only: fastest, gone on exit. */
        MEMORY
    }

    public InfraSettings {
        ports = Map.copyOf(ports);
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    public int port(String component) {
        Integer port = ports.get(component);
        if (port == null) {
            throw new IllegalArgumentException("No port configured for " + component);
        }
        return port;
    }

    public static InfraSettings fromEnvironment(String... args) {
        return resolve(System::getProperty, System::getenv, args);
    }

    static InfraSettings resolve(UnaryOperator<String> systemProperties, UnaryOperator<String> environment, String... args) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        DEFAULT_PORTS.forEach((component, defaultPort) -> {
            String key = "beacon.infra." + component + ".port";
            String raw = lookup(systemProperties, environment, key);
            ports.put(component, raw == null ? defaultPort : parsePort(key, raw));
        });
        String dataDir = lookup(systemProperties, environment, "beacon.infra.data-dir");
        String backend = lookup(systemProperties, environment, "beacon.mongo.backend");
        boolean fresh = Arrays.asList(args).contains("--fresh");
        for (String arg : args) {
            if (!arg.equals("--fresh")) {
                throw new IllegalArgumentException("Unknown argument " + arg + " (only --fresh is understood)");
            }
        }
        return new InfraSettings(ports,
                dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : Path.of(dataDir),
                parseBackend(backend),
                fresh);
    }

    public InfraSettings withPort(String component, int port) {
        Map<String, Integer> changed = new LinkedHashMap<>(ports);
        changed.put(component, port);
        return new InfraSettings(changed, dataDir, mongoBackend, fresh);
    }

    private static String lookup(UnaryOperator<String> systemProperties, UnaryOperator<String> environment, String key) {
        String value = systemProperties.apply(key);
        if (value == null || value.isBlank()) {
            value = environment.apply(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int parsePort(String key, String raw) {
        try {
            int port = Integer.parseInt(raw);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a TCP port (1-65535), was '" + raw + "'");
        }
    }

    private static MongoBackendKind parseBackend(String raw) {
        if (raw == null) {
            return MongoBackendKind.H2;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "h2", "file" -> MongoBackendKind.H2;
            case "memory" -> MongoBackendKind.MEMORY;
            default -> throw new IllegalArgumentException("beacon.mongo.backend must be h2 or memory, was '" + raw + "'");
        };
    }

    private static Map<String, Integer> defaults() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(KAFKA, 9092);
        ports.put(KAFKA_CONTROLLER, 9093);
        ports.put(ZEEBE, 26500);
        ports.put(ZEEBE_CLOCK, 8094);
        ports.put(MONGO, 27017);
        ports.put(SMTP, 3025);
        ports.put(IMAP, 3143);
        ports.put(TWILIO, 8091);
        ports.put(FCM, 8092);
        ports.put(MAIL, 8093);
        return java.util.Collections.unmodifiableMap(ports);
    }
}
