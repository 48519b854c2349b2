package io.beacon.console;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** The MongoDB wire-protocol server in memory, on a random port: real driver, real queries, no mongod. */
final class MemoryMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final String uri;
    private final MongoClient client;

    MemoryMongo() {
        InetSocketAddress address = server.bind();
        uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        client = MongoClients.create(uri);
    }

    String uri() {
        return uri;
    }

    MongoDatabase database() {
        return client.getDatabase("beacon-console");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
