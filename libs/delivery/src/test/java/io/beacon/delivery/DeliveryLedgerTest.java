package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.DeliveryLedger.State;
import java.time.Clock;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    private static InMemoryMongo mongo;
    private com.mongodb.client.MongoDatabase database;
    private DeliveryLedger ledger;
    private final DeliveryRequest request = Requests.salaryCreditedOffer();

    @BeforeAll
    static void startMongo() {
        mongo = new InMemoryMongo();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshLedger() {
        database = mongo.freshDatabase();
        ledger = new DeliveryLedger(database, Clock.systemUTC());
        ledger.ensureIndexes();
    }

    @Test
    void firstClaimOwnsTheSend() {
        assertThat(ledger.claim(request, "+44770****0123")).isEmpty();
        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> {
            assertThat(entry.state()).isEqualTo(State.PENDING);
            assertThat(entry.providerMessageId()).isNull();
        });
    }

    @Test
    void secondClaimOfTheSameKeyGetsTheExistingRecordInsteadOfASecondOne() {
        ledger.claim(request, "+44770****0123");
        ledger.recordAccepted(request.idempotencyKey(), "SM123", "queued");
        ledger.markSent(request.idempotencyKey());

        assertThat(ledger.claim(request, "+44770****0123")).hasValueSatisfying(entry -> {
            assertThat(entry.state()).isEqualTo(State.SENT);
            assertThat(entry.providerMessageId()).isEqualTo("SM123");
        });
        assertThat(database.getCollection(DeliveryLedger.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void recordsTheReasonOfAPermanentFailure() {
        ledger.claim(request, "+44770****0123");
        ledger.markFailed(request.idempotencyKey(), ReasonCode.INVALID_CONTACT_POINT, "Twilio refused the message (error 21211)");

        assertThat(ledger.find(request.idempotencyKey())).hasValueSatisfying(entry -> {
            assertThat(entry.state()).isEqualTo(State.FAILED);
            assertThat(entry.reason()).isEqualTo(ReasonCode.INVALID_CONTACT_POINT);
        });
    }

    @Test
    void keepsOnlyAMaskedNumberAndNoMessageText() {
        ledger.claim(request, "+44770****0123");

        Document stored = database.getCollection(DeliveryLedger.COLLECTION).find().first();
        assertThat(stored.getString("recipient")).isEqualTo("+44770****0123");
        assertThat(stored.keySet()).doesNotContain("body", "text", "phone", "to");
        assertThat(stored.toJson()).doesNotContain("+447700900123");
    }
}
