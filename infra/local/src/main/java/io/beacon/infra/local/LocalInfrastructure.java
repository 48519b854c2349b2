package io.beacon.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, in this one JVM and on loopback, everything Beacon's services need locally: a Kafka broker,
 * the Zeebe engine, a MongoDB wire server, SMTP/IMAP with an HTTP view of received mail, and
 * simulators of the Twilio and FCM APIs.
 *
 * <p>When everything serves, {@link #main} prints {@value #READY_LINE} on stdout and writes
 * {@code <dataDir>/infra.ready}; launchers wait for either.
 */
public final class LocalInfrastructure implements AutoCloseable {

    public static final String READY_LINE = "BEACON-INFRA READY";
    public static final String READY_FILE = "infra.ready";

    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final InfraSettings settings;
    /** In start order; stopped in reverse. */
    private final List<InfraComponent> components;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Another instance may share the data directory; only the file this one wrote is its to delete. */
    private volatile boolean readyFileWritten;
    private volatile DataDirLock dataDirLock;

    private LocalInfrastructure(InfraSettings settings) {
        this.settings = settings;
        MailServer mail = new MailServer(settings);
        this.components = List.of(
                new KafkaBroker(settings),
                new ZeebeEngine(settings),
                new MongoWireServer(settings),
                mail,
                new MailInbox(settings, mail),
                ProviderSimulator.twilio(settings),
                ProviderSimulator.fcm(settings));
    }

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        LocalInfrastructure infrastructure;
        try {
            infrastructure = new LocalInfrastructure(InfraSettings.fromEnvironment(args));
        } catch (IllegalArgumentException e) {
            System.err.println("BEACON-INFRA FAILED: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Registered before starting: Ctrl-C during a slow start must still stop what is already up.
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "beacon-infra-shutdown"));
        try {
            infrastructure.startAll();
        } catch (RuntimeException e) {
            System.err.println("BEACON-INFRA FAILED: " + e.getMessage());
            log.debug("Startup failure", e);
            // Kafka and Jetty leave non-daemon threads behind; only an explicit exit ends the JVM.
            System.exit(1);
            return;
        }
        log.info("All infrastructure up {} ms after JVM start; data in {}",
                System.currentTimeMillis() - jvmStart, infrastructure.settings.dataDir());
        System.out.println(READY_LINE);
        System.out.flush();
        awaitTermination();
    }

    /**
     * Starts every component and returns once all serve; on any failure stops what did start and
     * throws with a message naming the component.
     */
    public static LocalInfrastructure start(InfraSettings settings) {
        LocalInfrastructure infrastructure = new LocalInfrastructure(settings);
        infrastructure.startAll();
        return infrastructure;
    }

    public InfraSettings settings() {
        return settings;
    }

    public Path readyFile() {
        return settings.dataDir().resolve(READY_FILE);
    }

    /** Stops everything, newest first; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        DataDirLock lock = dataDirLock;
        if (lock == null) {
            // nothing was started: the ports or the data directory were refused
            return;
        }
        deleteReadyFile();
        stopAll(components);
        lock.close();
        log.info("Beacon infrastructure stopped");
    }

    /** Stops and starts one component, keeping its data: how tests prove persistence. */
    void restart(String name) throws Exception {
        InfraComponent component = components.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No component " + name));
        component.stop();
        component.start();
        log.info("READY {} {}", component.name(), component.address());
    }

    private void startAll() {
        // Ports first: a second instance started with --fresh must fail before it deletes the first one's data.
        PortGuard.requireFree(settings, components);
        dataDirLock = DataDirLock.acquire(settings.dataDir());
        try {
            prepareDataDir();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        // Kafka and Zeebe each spend seconds partly waiting on themselves (quorum election, gateway
        // start-up); starting every component at once overlaps those waits instead of adding them up.
        List<Starter> starters = components.stream().map(Starter::new).toList();
        starters.forEach(Starter::begin);
        List<Starter> failed = new ArrayList<>();
        for (Starter starter : starters) {
            starter.await();
            if (starter.failure != null) {
                failed.add(starter);
            }
        }
        if (!failed.isEmpty()) {
            close();
            Starter first = failed.get(0);
            throw describe(first.component, first.failure);
        }
        if (closed.get()) {
            // the shutdown hook ran while we were starting; do not advertise a dying infrastructure
            throw new InfraStartupException("Stopped while starting");
        }
        try {
            writeReadyFile();
        } catch (UncheckedIOException e) {
            close();
            throw new InfraStartupException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    private InfraStartupException describe(InfraComponent component, Throwable failure) {
        if (failure instanceof InfraStartupException startup) {
            return startup;
        }
        // A bind race (something took the port after the probe) is the likeliest failure; name it plainly.
        for (String key : component.portKeys()) {
            int port = settings.port(key);
            if (!PortGuard.isFree(port, key.equals(InfraSettings.ZEEBE)) && isBindFailure(failure)) {
                return PortGuard.portTaken(key, port);
            }
        }
        return new InfraStartupException("Cannot start " + component.name() + ": " + rootMessage(failure), failure);
    }

    private static boolean isBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure) : failure + " (caused by " + root + ")";
    }

    private static void stopAll(List<InfraComponent> components) {
        for (int i = components.size() - 1; i >= 0; i--) {
            InfraComponent component = components.get(i);
            Thread stopper = new Thread(() -> {
                try {
                    component.stop();
                } catch (RuntimeException e) {
                    log.warn("Stopping {} failed: {}", component.name(), e.toString());
                }
            }, "stop-" + component.name());
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stopper.isAlive()) {
                // A shutdown hook that never returns keeps the JVM (and every port) alive until SIGKILL;
                // give up on this component, the others and the JVM exit still release everything.
                log.warn("{} did not stop within {} s; abandoning it", component.name(), STOP_TIMEOUT.toSeconds());
            }
        }
    }

    private void prepareDataDir() {
        Path dataDir = settings.dataDir();
        try {
            if (settings.fresh()) {
                requireSafeToDelete(dataDir);
                // keep the lock file: this process holds it
                try (Stream<Path> children = Files.list(dataDir)) {
                    for (Path child : children.filter(c -> !c.getFileName().toString().equals(DataDirLock.FILE_NAME)).toList()) {
                        deleteRecursively(child);
                    }
                }
                log.info("--fresh: emptied {}", dataDir);
            }
        } catch (IOException e) {
            throw new InfraStartupException("Cannot prepare data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void requireSafeToDelete(Path dataDir) {
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        // --fresh with a mistyped beacon.infra.data-dir must not wipe a home or project directory.
        if (dataDir.getNameCount() < 2 || dataDir.equals(home) || dataDir.equals(cwd) || cwd.startsWith(dataDir)) {
            throw new InfraStartupException("Refusing --fresh: " + dataDir + " does not look like a data directory");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private void writeReadyFile() {
        Map<String, String> entries = new LinkedHashMap<>();
        components.forEach(component -> entries.putAll(new java.util.TreeMap<>(component.readyEntries())));
        entries.put("data.dir", settings.dataDir().toString());
        entries.put("pid", String.valueOf(ProcessHandle.current().pid()));
        String content = entries.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Path target = readyFile();
        Path temp = target.resolveSibling(READY_FILE + ".tmp");
        try {
            Files.writeString(temp, content);
            // Readers poll for the file; they must never see it half written.
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            readyFileWritten = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private void deleteReadyFile() {
        if (!readyFileWritten) {
            return;
        }
        try {
            Files.deleteIfExists(readyFile());
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", readyFile(), e.toString());
        }
    }

    private static void awaitTermination() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts one component on its own thread and records how it went. */
    private static final class Starter {
        private final InfraComponent component;
        private final Thread thread;
        private volatile Throwable failure;

        Starter(InfraComponent component) {
            this.component = component;
            this.thread = new Thread(this::run, "start-" + component.name());
        }

        void begin() {
            thread.start();
        }

        void await() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            }
        }

        private void run() {
            long begin = System.nanoTime();
            try {
                component.start();
                log.info("READY {} {}", component.name(), component.address());
                log.debug("{} took {} ms", component.name(), (System.nanoTime() - begin) / 1_000_000);
            } catch (Throwable t) {
                failure = t;
            }
        }
    }
}
