package io.beacon.console;

import static io.beacon.console.OutcomeFixture.T0;
import static io.beacon.console.OutcomeFixture.record;
import static io.beacon.console.OutcomeFixture.suppressed;
import static io.beacon.console.OutcomeFixture.triggered;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.beacon.contracts.ReasonCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The funnel on the on-disk backend that ./beacon up uses, where counts were once lost. */
class FunnelOnDiskTest {

    @Test
    void everyOutcomeIsCountedOnTheOnDiskStore(@TempDir Path dir) {
        var server = new MongoServer(new H2Backend(dir.resolve("beacon.mv").toString()));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            var store = new OutcomeStore(client.getDatabase("beacon-console"));
            store.ensureIndexes();
            var consumer = new OffersConsumer(store, new SimpleMeterRegistry());
            for (int i = 0; i < 40; i++) {
                consumer.project(record(triggered("c-" + i, "salary-savings", T0)), null);
                consumer.project(record(suppressed("c-" + i, "salary-savings", i % 2 == 0 ? ReasonCode.NO_CONSENT : ReasonCode.ALREADY_HOLDS, T0)), null);
            }

            assertThat(FunnelTotals.of(store)).containsExactly(
                    new FunnelCount("salary-savings", "SUPPRESSED", "ALREADY_HOLDS", 20),
                    new FunnelCount("salary-savings", "SUPPRESSED", "NO_CONSENT", 20),
                    new FunnelCount("salary-savings", "TRIGGERED", null, 40));
        } finally {
            server.shutdownNow();
        }
    }
}
