package io.beacon.suite;

import io.beacon.testkit.LocalInfrastructure;
import io.beacon.testkit.RepositoryLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole Beacon suite on one machine: the embedded infrastructure in one child JVM and each service in its
 * own, started from the jars the build made, pointed at each other by plain configuration.
 */
public final class BeaconSuite implements AutoCloseable {

    /** Every service and its default port. */
    public static final Map<String, Integer> SERVICES = orderedPorts();

    private static Map<String, Integer> orderedPorts() {
        var ports = new LinkedHashMap<String, Integer>();
        ports.put("intake", 8080);
        ports.put("profiles", 8081);
        ports.put("consent", 8082);
        ports.put("decisioning", 8083);
        ports.put("journeys", 8084);
        ports.put("sms", 8085);
        ports.put("push", 8086);
        ports.put("email", 8087);
        ports.put("console", 8088);
        return ports;
    }

    /**
     * The account of this launcher, its tests and whoever drives the local run by hand (ADR 0014): given to every
     * service it starts, and to no deployment. A DEVELOPMENT password, public like the ones of beacon-defaults.yml.
     */
    public static final String CALLER = "suite";
    public static final String CALLER_PASSWORD = "dev-suite-password";
    private static final String CALLER_PASSWORD_HASH = "{bcrypt}$2a$10$DEVELOPMENT.ONLY.beaceGCX7gr5U5QpuO2PQ408q4Jw79E71s/C";

    /** The HTTP {@code Authorization} header of the suite's account, for calls to the services' APIs. */
    public static String authorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((CALLER + ":" + CALLER_PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private final LocalInfrastructure infrastructure;
    private final Map<String, Integer> servicePorts;
    private final List<Process> services = new ArrayList<>();
    private final Path logDir;

    private final Map<String, String> serviceProperties;

    private BeaconSuite(LocalInfrastructure infrastructure, Map<String, Integer> servicePorts, Path logDir,
                        Map<String, String> serviceProperties) {
        this.infrastructure = infrastructure;
        this.servicePorts = servicePorts;
        this.logDir = logDir;
        this.serviceProperties = serviceProperties;
    }

    /**
     * @param infraPorts ports of Kafka, Zeebe, MongoDB, SMTP and the simulators
     * @param servicePorts the services to start, with their ports
     */
    public static BeaconSuite start(Map<String, Integer> infraPorts, Map<String, Integer> servicePorts, Path dataDir,
                                    List<String> infraJvmArgs) {
        return start(infraPorts, servicePorts, dataDir, infraJvmArgs, Map.of());
    }

    /** @param serviceProperties passed to every service as {@code -D} properties, over its own configuration */
    public static BeaconSuite start(Map<String, Integer> infraPorts, Map<String, Integer> servicePorts, Path dataDir,
                                    List<String> infraJvmArgs, Map<String, String> serviceProperties) {
        Path root = RepositoryLayout.root();
        Path logDir = dataDir.resolve("logs");
        var infra = LocalInfrastructure.start(infraPorts, dataDir.resolve("infra"), infraJvmArgs);
        var suite = new BeaconSuite(infra, servicePorts, logDir, serviceProperties);
        try {
            Files.createDirectories(logDir);
            for (var service : servicePorts.entrySet()) {
                suite.services.add(suite.launch(root, service.getKey(), service.getValue()));
            }
            for (var service : servicePorts.entrySet()) {
                suite.awaitHealthy(service.getKey(), service.getValue(), Duration.ofSeconds(240));
            }
        } catch (IOException e) {
            suite.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
        return suite;
    }

    private Process launch(Path root, String name, int port) throws IOException {
        Path jar = root.resolve("services/" + name + "/target/beacon-" + name + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        var command = new ArrayList<>(List.of(RepositoryLayout.javaBinary()));
        String jvmArgs = System.getProperty("beacon.suite.service-jvm-args");
        if (jvmArgs != null && !jvmArgs.isBlank()) {
            // a benchmark of one service runs it as production would, not squeezed beside eight others
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        } else {
            // Small heaps and the C1 compiler only: nine JVMs share two cores and 4 GB.
            command.addAll(List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx192m", "-Xss512k", "-XX:TieredStopAtLevel=1",
                    "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=48m", "-XX:CICompilerCount=1"));
        }
        var properties = new LinkedHashMap<>(infrastructure.springProperties());
        properties.put("server.port", String.valueOf(port));
        properties.put("server.address", "127.0.0.1");
        properties.put("beacon.decisioning.rules-directory", root.resolve("rules").toString());
        properties.put("beacon.profiles.rules-directory", root.resolve("rules").toString());
        properties.put("beacon.journeys.directory", root.resolve("workflows").toString());
        // rules, journeys and content come from the live release (ADR 0029); development mode: the console publishes an
        // edit of the repository's folders at once, and a proposal goes live when a second person approves it
        properties.put("beacon.changes.mode", "direct");
        properties.put("beacon.changes.workspace", logDir.resolveSibling("live").resolve(name).toAbsolutePath().toString());
        for (String folder : List.of("rules", "workflows", "content")) {
            properties.put("beacon.changes.folders." + folder, root.resolve(folder).toAbsolutePath().toString());
        }
        // the senders' message copy (ADR 0027)
        properties.put("beacon.content.directory", root.resolve("content").toString());
        properties.put("beacon.decisioning.profiles-url", url("profiles"));
        properties.put("beacon.decisioning.consent-url", url("consent"));
        properties.put("beacon.services.profiles-url", url("profiles"));
        properties.put("beacon.services.consent-url", url("consent"));
        properties.put("beacon.consent.erasure.profiles-url", url("profiles"));
        // the console reads every service of this run
        for (String service : List.of("profiles", "consent", "decisioning", "journeys", "sms", "push", "email")) {
            properties.put("beacon.console.services." + service, url(service));
        }
        // the suite posts events as the bank would and asks for erasures as the console would
        properties.put("beacon.security.callers." + CALLER + ".password", CALLER_PASSWORD_HASH);
        properties.put("beacon.security.callers." + CALLER + ".roles", "EVENTS,CONSOLE");
        // the services of this run only: an erasure never reaches another suite on the default ports
        properties.put("beacon.consent.erasure.services", String.join(",", servicePorts.keySet().stream()
                .filter(s -> !s.equals("consent") && !s.equals("journeys")).map(s -> s + "=" + url(s)).toList()));
        properties.putAll(serviceProperties);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        return new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                // appended: a service started again (startService) keeps the log of its first run above
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".log").toFile()))
                .start();
    }

    private String url(String service) {
        Integer port = servicePorts.getOrDefault(service, SERVICES.get(service));
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(String name, int port, Duration timeout) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process = services.get(indexOf(name));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logDir.resolve(name + ".log"));
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + "; see " + logDir.resolve(name + ".log"));
    }

    /** Stops one service as a deployment would (SIGTERM, then its graceful shutdown), for tests of what survives it. */
    public void stopService(String name) {
        Process process = services.get(indexOf(name));
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a service stopped by {@link #stopService} again, on its port, and waits until it is healthy. */
    public void startService(String name) {
        int port = servicePorts.get(name);
        try {
            services.set(indexOf(name), launch(RepositoryLayout.root(), name, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(name, port, Duration.ofSeconds(240));
    }

    private int indexOf(String name) {
        int index = new ArrayList<>(servicePorts.keySet()).indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(name + " is not a service of this suite: " + servicePorts.keySet());
        }
        return index;
    }

    public LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    public String serviceUrl(String name) {
        return url(name);
    }

    public Path logDir() {
        return logDir;
    }

    public long totalRssKilobytes() {
        long total = rss(infrastructureProcessPid());
        for (Process p : services) {
            total += rss(p.pid());
        }
        return total;
    }

    private long infrastructureProcessPid() {
        return infrastructure.pid();
    }

    private static long rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        services.forEach(Process::destroy);
        for (Process p : services) {
            try {
                if (!p.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        infrastructure.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
