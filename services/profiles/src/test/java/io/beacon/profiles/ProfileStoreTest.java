package io.beacon.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.Json;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfileStoreTest {

    private MongoServer server;
    private MongoClient client;
    private ProfileStore store;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        store = new ProfileStore(client.getDatabase("test"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void secondSalaryKeepsThePreviousAmountSoTriggersCanSeeAChange() throws Exception {
        store.apply("C1", "e1", BankEventType.TRANSACTION_POSTED, salary(3000), Instant.now());
        var profile = ProfileSnapshots.of(store.apply("C1", "e2", BankEventType.TRANSACTION_POSTED, salary(3300), Instant.now()));

        assertThat(profile.salary().amount()).isEqualByComparingTo(new BigDecimal("3300"));
        assertThat(profile.salary().previousAmount()).isEqualByComparingTo(new BigDecimal("3000"));
        assertThat(profile.tags()).containsKey("salaryCredited");
    }

    @Test
    void redeliveredEventIsAppliedOnce() throws Exception {
        store.apply("C1", "e1", BankEventType.TRANSACTION_POSTED, salary(3000), Instant.now());
        store.apply("C1", "e2", BankEventType.TRANSACTION_POSTED, salary(3300), Instant.now());

        var profile = ProfileSnapshots.of(store.apply("C1", "e2", BankEventType.TRANSACTION_POSTED, salary(3300), Instant.now()));

        assertThat(profile.salary().previousAmount()).isEqualByComparingTo(new BigDecimal("3000"));
    }

    @Test
    void snapshotTellsWhichChannelsHaveAContactPointButNotTheContactPoints() throws Exception {
        JsonNode update = Json.mapper().readTree("""
                {"firstName":"Mei","country":"GB","timeZone":"Europe/London",
                 "contactPoints":{"phone":"+447700900123","email":"mei@example.com"},"flags":{"vulnerable":true}}""");

        var profile = ProfileSnapshots.of(store.apply("C1", "e1", BankEventType.CUSTOMER_UPDATED, update, Instant.now()));

        assertThat(profile.contactChannels()).containsExactlyInAnyOrder("sms", "email");
        assertThat(profile.flags().vulnerable()).isTrue();
        assertThat(Json.mapper().writeValueAsString(profile)).doesNotContain("+447700900123").doesNotContain("mei@example.com");
    }

    @Test
    void purchaseAddsAHoldingAndRepaidLoanRemovesIt() throws Exception {
        store.apply("C1", "e1", BankEventType.PRODUCT_PURCHASED, Json.mapper().readTree("{\"productCode\":\"PERSONAL_LOAN\"}"), Instant.now());
        assertThat(ProfileSnapshots.of(store.find("C1").orElseThrow()).holdings()).contains("PERSONAL_LOAN");

        store.apply("C1", "e2", BankEventType.LOAN_REPAID, Json.mapper().readTree("{\"loanId\":\"L1\",\"productCode\":\"PERSONAL_LOAN\"}"), Instant.now());
        assertThat(ProfileSnapshots.of(store.find("C1").orElseThrow()).holdings()).doesNotContain("PERSONAL_LOAN");
    }

    private static JsonNode salary(int amount) throws Exception {
        return Json.mapper().readTree("{\"accountId\":\"A\",\"amount\":" + amount + ",\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"SALARY\"}");
    }
}
