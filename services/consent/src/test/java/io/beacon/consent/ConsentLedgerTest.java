package io.beacon.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.ReasonCode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsentLedgerTest {

    private MongoServer server;
    private MongoClient client;
    private ConsentLedger ledger;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        ledger = new ConsentLedger(client.getDatabase("test"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void unknownCustomerHasNoConsent() {
        assertThat(ledger.check("C1", "sms", "marketing")).isEqualTo(new ConsentLedger.Decision(false, ReasonCode.NO_CONSENT));
    }

    @Test
    void grantedChannelIsAllowedAndOthersAreNot() {
        ledger.record("x1", change("sms", "marketing", true), "CONSENT");

        assertThat(ledger.check("C1", "sms", "marketing").allowed()).isTrue();
        assertThat(ledger.check("C1", "email", "marketing").reason()).isEqualTo(ReasonCode.NO_CONSENT);
    }

    @Test
    void withdrawalIsAnOptOut() {
        ledger.record("x1", change("sms", "marketing", true), "CONSENT");
        ledger.record("x2", change("sms", "marketing", false), "CONSENT");

        assertThat(ledger.check("C1", "sms", "marketing")).isEqualTo(new ConsentLedger.Decision(false, ReasonCode.OPTED_OUT));
    }

    @Test
    void objectionToDirectMarketingStopsEveryChannelAndProfiling() {
        ledger.record("x1", change("sms", "marketing", true), "CONSENT");
        ledger.record("x2", change("email", "marketing", true), "SOFT_OPT_IN");

        ledger.record("x3", change("all", "marketing", false), "CONSENT");

        assertThat(ledger.check("C1", "sms", "marketing").reason()).isEqualTo(ReasonCode.OPTED_OUT);
        assertThat(ledger.check("C1", "email", "marketing").reason()).isEqualTo(ReasonCode.OPTED_OUT);
        assertThat(ledger.check("C1", "push", "profiling").reason()).isEqualTo(ReasonCode.OPTED_OUT);
    }

    @Test
    void sameChangeRecordedTwiceIsRecordedOnce() {
        assertThat(ledger.record("x1", change("sms", "marketing", true), "CONSENT")).isTrue();
        assertThat(ledger.record("x1", change("sms", "marketing", true), "CONSENT")).isFalse();
        assertThat(client.getDatabase("test").getCollection("consent_history").countDocuments()).isEqualTo(1);
    }

    private static ConsentChange change(String channel, String purpose, boolean granted) {
        return new ConsentChange("C1", channel, purpose, granted, "/crm", Instant.now());
    }
}
