package io.beacon.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded infrastructure (Kafka, Zeebe, MongoDB wire server, SMTP, provider simulators) running in a child
 * JVM built from {@code infra/local}: its own classpath keeps Kafka's, Zeebe's and Spring Boot's Netty apart.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final String READY = "BEACON-INFRA READY";
    private static LocalInfrastructure shared;

    private final Process process;
    private final Map<String, Integer> ports;
    private final Path dataDir;

    private LocalInfrastructure(Process process, Map<String, Integer> ports, Path dataDir) {
        this.process = process;
        this.ports = ports;
        this.dataDir = dataDir;
    }

    /** One instance per test JVM, on free ports, stopped when the JVM exits. */
    public static synchronized LocalInfrastructure shared() {
        if (shared == null) {
            try {
                shared = start(freePorts(), Files.createTempDirectory("beacon-infra"), List.of("-Dbeacon.mongo.backend=memory"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** The ports of a local run, as documented in the README and infra/local. */
    public static Map<String, Integer> defaultPorts() {
        var ports = new LinkedHashMap<String, Integer>();
        ports.put("kafka", 9092);
        ports.put("kafka-controller", 9093);
        ports.put("zeebe", 26500);
        ports.put("zeebe-clock", 8094);
        ports.put("mongo", 27017);
        ports.put("smtp", 3025);
        ports.put("imap", 3143);
        ports.put("twilio", 8091);
        ports.put("fcm", 8092);
        ports.put("mail", 8093);
        return ports;
    }

    /** The same components on free ports, for tests that run beside a local suite. */
    public static Map<String, Integer> freePorts() {
        // every socket stays open until all ports are chosen: one closed at once can be handed out again
        var ports = new LinkedHashMap<String, Integer>();
        var sockets = new ArrayList<ServerSocket>();
        try {
            for (String name : defaultPorts().keySet()) {
                var socket = new ServerSocket(0);
                sockets.add(socket);
                ports.put(name, socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (var socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is free again either way
                }
            }
        }
    }

    public static LocalInfrastructure start(Map<String, Integer> ports, Path dataDir, List<String> extraJvmArgs) {
        Path jar = RepositoryLayout.root().resolve("infra/local/target/beacon-infra-local.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -pl infra/local package)");
        }
        var command = new ArrayList<String>();
        command.add(RepositoryLayout.javaBinary());
        command.addAll(List.of("-XX:+UseSerialGC", "-Xmx768m", "-XX:TieredStopAtLevel=1"));
        command.addAll(extraJvmArgs);
        command.add("-Dbeacon.infra.data-dir=" + dataDir);
        ports.forEach((name, port) -> command.add("-Dbeacon.infra." + name + ".port=" + port));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolve("infra.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var ready = new CompletableFuture<Void>();
            Thread pump = new Thread(() -> pump(process, log, ready), "infra-output");
            pump.setDaemon(true);
            pump.start();
            try {
                ready.get(180, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                process.destroyForcibly();
                throw new IllegalStateException("local infrastructure not ready within 180 s; see " + log);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("local infrastructure failed to start; see " + log, e);
            }
            return new LocalInfrastructure(process, Map.copyOf(ports), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pump(Process process, Path log, CompletableFuture<Void> ready) {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (line.contains(READY)) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IllegalStateException("exited with " + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            ready.completeExceptionally(e);
        }
    }

    public int port(String name) {
        return ports.get(name);
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + port("kafka");
    }

    public String mongoUri() {
        return "mongodb://127.0.0.1:" + port("mongo");
    }

    public String zeebeGrpc() {
        return "http://127.0.0.1:" + port("zeebe");
    }

    /** The Zeebe engine's time: the system's plus whatever {@link #advanceEngineClock} added. */
    public Instant engineNow() {
        return clockRequest(HttpRequest.newBuilder(URI.create(clockUrl())).GET());
    }

    /**
     * Moves the Zeebe engine's clock forward and returns once the engine has handled what came due (timers fire,
     * message TTLs lapse; the job workers then take what those created). The clock is shared by everything on this
     * infrastructure and never goes back.
     */
    public Instant advanceEngineClock(Duration duration) {
        return clockRequest(HttpRequest.newBuilder(URI.create(clockUrl() + "/add?duration=" + duration))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Replaces the Zeebe engine with a new, empty one on the same port (its clock keeps what was added), as a restart of
     * the embedded engine or the loss of a cluster's state does; {@code down} keeps the port closed that long first.
     */
    public void restartEngine(Duration down) {
        clockRequest(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port("zeebe-clock") + "/engine/restart?down=" + down))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String clockUrl() {
        return "http://127.0.0.1:" + port("zeebe-clock") + "/clock";
    }

    private static Instant clockRequest(HttpRequest.Builder request) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher now = Pattern.compile("\"now\":\"([^\"]+)\"").matcher(response.body());
            if (response.statusCode() != 200 || !now.find()) {
                throw new IllegalStateException("engine clock answered " + response.statusCode() + ": " + response.body());
            }
            return Instant.parse(now.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the engine clock", e);
        }
    }

    public String twilioUrl() {
        return "http://127.0.0.1:" + port("twilio");
    }

    public String fcmUrl() {
        return "http://127.0.0.1:" + port("fcm");
    }

    public String mailUrl() {
        return "http://127.0.0.1:" + port("mail");
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The Spring properties that point a Beacon service at this infrastructure. */
    public Map<String, String> springProperties() {
        var p = new LinkedHashMap<String, String>();
        p.put("spring.cloud.stream.kafka.binder.brokers", kafkaBootstrap());
        p.put("beacon.mongo.uri", mongoUri());
        p.put("beacon.zeebe.grpc-address", zeebeGrpc());
        p.put("beacon.providers.twilio.base-url", twilioUrl());
        p.put("beacon.providers.fcm.base-url", fcmUrl());
        p.put("beacon.providers.fcm.token-uri", fcmUrl() + "/token");
        p.put("spring.mail.host", "127.0.0.1");
        p.put("spring.mail.port", String.valueOf(port("smtp")));
        // the email service reads its delivery reports (bounces, complaints) from this IMAP server's mailbox (ADR 0034)
        p.put("beacon.email.reports.imap.host", "127.0.0.1");
        p.put("beacon.email.reports.imap.port", String.valueOf(port("imap")));
        return p;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

}
