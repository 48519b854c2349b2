package io.beacon.infra.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server (mongo-java-server): no real mongod can be had on these machines.
 *
 * <p>It does CRUD, upserts, unique indexes and aggregation, not transactions, TTL expiry or change
 * streams; services must not depend on those.
 */
final class MongoWireServer implements InfraComponent {

    private final int port;
    private final InfraSettings.MongoBackendKind backendKind;
    private final Path storeFile;
    private MongoServer server;

    MongoWireServer(InfraSettings settings) {
        this.port = settings.port(InfraSettings.MONGO);
        this.backendKind = settings.mongoBackend();
        this.storeFile = settings.dataDir().resolve("mongo").resolve("beacon.mv");
    }

    @Override
    public String name() {
        return "mongo";
    }

    @Override
    public List<String> portKeys() {
        return List.of(InfraSettings.MONGO);
    }

    @Override
    public void start() throws Exception {
        MongoBackend backend = switch (backendKind) {
            case H2 -> {
                Files.createDirectories(storeFile.getParent());
                yield new H2Backend(storeFile.toString());
            }
            case MEMORY -> new MemoryBackend();
        };
        // Driver 5.x refuses servers older than 4.2's wire version; the default of 3.6 would be rejected.
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer created = new MongoServer(backend);
        try {
            created.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            // bind failed: release the H2 file lock so a retry in this JVM can reopen the store
            backend.close();
            throw e;
        }
        server = created;
    }

    @Override
    public void stop() {
        MongoServer running = server;
        server = null;
        if (running != null) {
            // shutdown() closes the backend too, which flushes and closes the H2 store
            running.shutdown();
        }
    }

    @Override
    public String address() {
        return uri() + " (" + backendKind.name().toLowerCase(java.util.Locale.ROOT)
                + (backendKind == InfraSettings.MongoBackendKind.H2 ? " " + storeFile : "") + ")";
    }

    @Override
    public Map<String, String> readyEntries() {
        return Map.of("mongo.uri", uri());
    }

    private String uri() {
        return "mongodb://127.0.0.1:" + port;
    }
}
