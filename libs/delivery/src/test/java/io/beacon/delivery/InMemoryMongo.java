package io.beacon.delivery;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The MongoDB wire protocol in-process, on a free port: the real driver, unique indexes and all. Shared with the
 * senders' tests through this module's test-jar; they bring mongo-java-server themselves.
 */
public final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;
    private final String uri;

    public InMemoryMongo() {
        var address = server.bind();
        uri = "mongodb://127.0.0.1:" + address.getPort();
        client = MongoClients.create(uri);
    }

    public String uri() {
        return uri;
    }

    public MongoDatabase freshDatabase() {
        MongoDatabase database = client.getDatabase("beacon-delivery-test");
        database.drop();
        return database;
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
