package io.beacon.infra.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/** A single Kafka node in KRaft combined mode (broker and controller in this JVM). */
final class KafkaBroker implements InfraComponent {

    /** The topics Beacon's services expect; created up front so consumers never race auto-creation. */
    static final List<String> TOPICS = List.of(
            "bank.events",
            "bank.events.rejected",
            "beacon.events.accepted",
            "beacon.events.profiled",
            "beacon.journeys.triggered",
            "beacon.journeys.engine",
            "beacon.journeys.catalogue",
            "beacon.experiments",
            "beacon.releases",
            "beacon.consent.changes",
            "beacon.offers");
    /** Topics whose latest record per key is what counts: compacted, never emptied by retention. */
    static final Set<String> COMPACTED = Set.of("beacon.journeys.catalogue", "beacon.experiments", "beacon.releases");

    static final int PARTITIONS = 3;
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private KafkaRaftServer server;

    KafkaBroker(InfraSettings settings) {
        this.port = settings.port(InfraSettings.KAFKA);
        this.controllerPort = settings.port(InfraSettings.KAFKA_CONTROLLER);
        this.logDir = settings.dataDir().resolve("kafka");
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public List<String> portKeys() {
        return List.of(InfraSettings.KAFKA, InfraSettings.KAFKA_CONTROLLER);
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(logDir);
        Properties props = brokerProperties();
        formatIfNeeded();
        KafkaRaftServer raftServer = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server = raftServer;
        raftServer.startup();
        createTopics();
    }

    @Override
    public void stop() {
        KafkaRaftServer running = server;
        server = null;
        if (running != null) {
            running.shutdown();
            running.awaitShutdown();
        }
    }

    @Override
    public String address() {
        return bootstrap();
    }

    @Override
    public Map<String, String> readyEntries() {
        return Map.of("kafka.bootstrap", bootstrap());
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        // A static voter set: a one-node quorum never changes, and it keeps the format step free of voter ids.
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One broker: every internal topic must accept a replication factor and ISR of 1.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", String.valueOf(PARTITIONS));
        props.put("auto.create.topics.enable", "true");
        // Tests join consumer groups constantly; the default 3 s delay would slow every one of them.
        props.put("group.initial.rebalance.delay.ms", "0");
        // A developer machine, not a cluster: fewer threads, smaller segments, no week-long retention on disk.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("background.threads", "4");
        props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        props.put("log.retention.hours", "72");
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return props;
    }

    private void formatIfNeeded() throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .addDirectory(logDir.toString())
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setIgnoreFormatted(true)
                .run();
    }

    private void createTopics() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.CLIENT_ID_CONFIG, "beacon-infra-local",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(60).toMillis());
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(60, TimeUnit.SECONDS));
            List<NewTopic> missing = TOPICS.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> COMPACTED.contains(topic)
                            ? new NewTopic(topic, PARTITIONS, (short) 1).configs(Map.of("cleanup.policy", "compact"))
                            // the history a proposed change is replayed over (ADR 0029): a week, as a cluster keeps it
                            : "beacon.events.profiled".equals(topic)
                            ? new NewTopic(topic, PARTITIONS, (short) 1).configs(Map.of("retention.ms", String.valueOf(Duration.ofDays(7).toMillis())))
                            : new NewTopic(topic, PARTITIONS, (short) 1))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
