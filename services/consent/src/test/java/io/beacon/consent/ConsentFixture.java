package io.beacon.consent;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.ConsentChange;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.UnsubscribeTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The consent service's parts on an in-memory MongoDB wire server, with announcements recorded instead of published. */
final class ConsentFixture implements AutoCloseable {

    static final String SECRET = "test-secret-test-secret-test-secret";

    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    final MongoDatabase database = client.getDatabase("beacon-consent");
    final ConsentLedger ledger = new ConsentLedger(database);
    final SendLeases leases = new SendLeases(database, ledger, Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofMillis(10));
    final List<String> announced = new CopyOnWriteArrayList<>();
    final EventPublisher publisher = mock(EventPublisher.class);
    final ConsentChanges changes;
    final UnsubscribeTokens tokens = new UnsubscribeTokens(SECRET);

    ConsentFixture() {
        org.mockito.Mockito.doAnswer(call -> announced.add(call.getArgument(0))).when(publisher).publishAndWait(any(), any(), any());
        changes = new ConsentChanges(ledger, publisher, leases);
    }

    /** The customer's consent to email and SMS marketing, as a bank system recorded it. */
    ConsentFixture consenting(String customerId) {
        for (String channel : List.of("email", "sms")) {
            ledger.record("grant-" + customerId + "-" + channel,
                    new ConsentChange(customerId, channel, "marketing", true, "/crm", Instant.now()), "CONSENT");
        }
        return this;
    }

    /** Every collection's documents, to prove that something changed nothing. */
    String everything() {
        var all = new StringBuilder();
        for (String name : database.listCollectionNames()) {
            database.getCollection(name).find().forEach(d -> all.append(name).append(' ').append(d.toJson()).append('\n'));
        }
        return all.toString();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
