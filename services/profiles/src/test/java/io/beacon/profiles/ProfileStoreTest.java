package io.beacon.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.platform.TestKeys;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfileStoreTest {

    private final io.beacon.platform.ContactPointProtection protection = TestKeys.protection();

    private MongoServer server;
    private MongoClient client;
    private ProfileStore store;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        store = new ProfileStore(client.getDatabase("test"), protection);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void removesAnUnregisteredPushTokenOnlyWhileItIsStillTheProfilesToken() throws Exception {
        store.apply("C9", "e1", BankEventType.CUSTOMER_UPDATED,
                Json.mapper().readTree("{\"contactPoints\":{\"pushToken\":\"new-token\",\"phone\":\"+447700900123\"}}"), Instant.now());

        assertThat(store.removePushToken("C9", "old-token")).isFalse();
        assertThat(store.contactPoints(store.find("C9").orElseThrow())).containsEntry("pushToken", "new-token");

        assertThat(store.removePushToken("C9", "new-token")).isTrue();
        Document profile = store.find("C9").orElseThrow();
        assertThat(store.contactPoints(profile)).doesNotContainKey("pushToken").containsEntry("phone", "+447700900123");
        assertThat(profile.get("contactIndex", Document.class)).doesNotContainKey("pushToken").containsKey("phone");
    }

    @Test
    void profilingRefusedAtTheConsentServiceReachesTheProfileFromBeaconConsentChanges() throws Exception {
        store.apply("C7", "e1", BankEventType.CUSTOMER_UPDATED, Json.mapper().readTree("{\"firstName\":\"Mei\"}"), Instant.now());
        var consumer = new ProfilesConfiguration().consentChanges(store);
        java.util.function.Function<Boolean, org.springframework.messaging.Message<byte[]>> change = granted ->
                org.springframework.messaging.support.MessageBuilder.withPayload(io.beacon.contracts.BeaconEvents.serialize(
                        io.beacon.contracts.BeaconEvents.build("chg-" + granted, "/beacon/consent", granted ? "beacon.consent.granted" : "beacon.consent.withdrawn",
                                "C7", new io.beacon.contracts.ConsentChange("C7", "all", "profiling", granted, "/email/profiling-link", Instant.now())))).build();

        consumer.accept(change.apply(false));
        assertThat(store.find("C7").orElseThrow().getBoolean("noProfiling")).isTrue();
        assertThat(store.apply("C7", "e2", BankEventType.DIGITAL_LOGIN, Json.mapper().readTree("{\"channel\":\"APP\"}"), Instant.now()).noProfiling()).isTrue();

        consumer.accept(change.apply(true));
        assertThat(store.find("C7").orElseThrow().getBoolean("noProfiling")).isFalse();
        // a customer without a profile is not created by a consent change
        assertThat(store.recordProfiling("C-NONE", false)).isFalse();
        assertThat(store.find("C-NONE")).isEmpty();
    }

    @Test
    void secondSalaryKeepsThePreviousAmountSoTriggersCanSeeAChange() throws Exception {
        store.apply("C1", "e1", BankEventType.TRANSACTION_POSTED, salary(3000), Instant.now());
        var profile = store.apply("C1", "e2", BankEventType.TRANSACTION_POSTED, salary(3300), Instant.now());

        assertThat(profile.salary().amount()).isEqualByComparingTo(new BigDecimal("3300"));
        assertThat(profile.salary().previousAmount()).isEqualByComparingTo(new BigDecimal("3000"));
        assertThat(profile.tags()).containsKey("salaryCredited");
    }

    @Test
    void redeliveredEventIsAppliedOnce() throws Exception {
        store.apply("C1", "e1", BankEventType.TRANSACTION_POSTED, salary(3000), Instant.now());
        store.apply("C1", "e2", BankEventType.TRANSACTION_POSTED, salary(3300), Instant.now());

        var profile = store.apply("C1", "e2", BankEventType.TRANSACTION_POSTED, salary(3300), Instant.now());

        assertThat(profile.salary().previousAmount()).isEqualByComparingTo(new BigDecimal("3000"));
    }

    @Test
    void snapshotTellsWhichChannelsHaveAContactPointButNotTheContactPoints() throws Exception {
        JsonNode update = Json.mapper().readTree("""
                {"firstName":"Mei","country":"GB","timeZone":"Europe/London",
                 "contactPoints":{"phone":"+447700900123","email":"mei@example.com"},"flags":{"vulnerable":true}}""");

        var profile = store.apply("C1", "e1", BankEventType.CUSTOMER_UPDATED, update, Instant.now());

        assertThat(profile.contactChannels()).containsExactlyInAnyOrder("sms", "email");
        assertThat(profile.flags().vulnerable()).isTrue();
        assertThat(Json.mapper().writeValueAsString(profile)).doesNotContain("+447700900123").doesNotContain("mei@example.com");
    }

    @Test
    void theNameAndBirthDateAreStoredSealedAndReadInClear() throws Exception {
        store.apply("C1", "e1", BankEventType.CUSTOMER_UPDATED, Json.mapper().readTree("""
                {"firstName":"Philippa","birthDate":"1988-04-12","country":"GB"}"""), Instant.now());
        var later = store.apply("C1", "e2", BankEventType.DIGITAL_LOGIN, Json.mapper().readTree("{\"channel\":\"APP\"}"), Instant.now());

        Document stored = client.getDatabase("test").getCollection("profiles").find(Filters.eq("_id", "C1")).first();
        assertThat(stored.toJson()).doesNotContain("Philippa").doesNotContain("1988-04-12").contains("\"country\": \"GB\"");
        assertThat(store.find("C1").orElseThrow()).containsEntry("firstName", "Philippa").containsEntry("birthDate", "1988-04-12");
        assertThat(later.age()).as("read back in clear for the next event").isEqualTo(
                java.time.Period.between(java.time.LocalDate.of(1988, 4, 12), java.time.LocalDate.now(java.time.ZoneOffset.UTC)).getYears());
        stored.put("_id", "C2");
        client.getDatabase("test").getCollection("profiles").insertOne(stored);
        assertThatThrownBy(() -> store.find("C2")).as("sealed for C1 alone").hasMessageContaining("customer C2");
    }

    /** A profile stored before names and birth dates were sealed: read as it is, sealed by its next write. */
    @Test
    void aProfileStoredInClearBeforeSealingIsReadAndSealedByItsNextWrite() throws Exception {
        var profiles = client.getDatabase("test").getCollection("profiles");
        profiles.insertOne(new Document("_id", "C3").append("firstName", "Philippa").append("birthDate", "1988-04-12").append("country", "GB"));

        assertThat(store.find("C3").orElseThrow()).containsEntry("firstName", "Philippa").containsEntry("birthDate", "1988-04-12");
        store.apply("C3", "e1", BankEventType.DIGITAL_LOGIN, Json.mapper().readTree("{\"channel\":\"APP\"}"), Instant.now());

        assertThat(profiles.find(Filters.eq("_id", "C3")).first().toJson()).doesNotContain("Philippa").doesNotContain("1988-04-12");
        assertThat(store.find("C3").orElseThrow()).containsEntry("firstName", "Philippa").containsEntry("birthDate", "1988-04-12")
                .doesNotContainKey(SealedFields.MARKER);
    }

    /**
     * The accepted event as intake publishes it (ADR 0038): the name, birth date and contact points sealed for the
     * customer. Profiles opens them to apply the event and hands the event on to decisioning as it came, sealed; the
     * snapshot beside it says the age, not the birth date.
     */
    @Test
    void aSealedCustomerUpdateIsAppliedInClearAndHandedOnSealed() throws Exception {
        var data = protection.sealPersonalData("C1", Json.mapper().readTree("""
                {"firstName":"Philippa","birthDate":"1988-04-12","country":"GB","contactPoints":{"phone":"+447700900123"}}"""));
        var accepted = io.cloudevents.core.builder.CloudEventBuilder.v1().withId("e1").withSource(java.net.URI.create("/crm"))
                .withType("bank.customer.updated").withSubject("C1").withData(Json.mapper().writeValueAsBytes(data))
                .withExtension(io.beacon.platform.ContactPointProtection.SEALED_EXTENSION, "v1").build();
        var publisher = org.mockito.Mockito.mock(io.beacon.platform.EventPublisher.class);
        var published = new java.util.ArrayList<byte[]>();
        org.mockito.Mockito.when(publisher.publish(org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.anyString(),
                org.mockito.ArgumentMatchers.any())).thenAnswer(call -> {
                    published.add(io.beacon.contracts.BeaconEvents.serialize(call.getArgument(2)));
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                });

        new ProfilesConfiguration().acceptedEvents(store, publisher, protection).accept(List.of(io.beacon.contracts.BeaconEvents.serialize(accepted)));

        assertThat(store.find("C1").orElseThrow()).containsEntry("firstName", "Philippa").containsEntry("birthDate", "1988-04-12");
        assertThat(store.customersWithPhone("+447700900123")).containsExactly("C1");
        String profiled = new String(published.getFirst(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(profiled).doesNotContain("Philippa", "1988-04-12", "+447700900123").contains("\"age\":");
    }

    @Test
    void contactPointsAreStoredSealedAndFoundByTheirBlindIndex() throws Exception {
        JsonNode update = Json.mapper().readTree("""
                {"firstName":"Mei","contactPoints":{"phone":"+447700900123","email":"Mei@Example.com","pushToken":"fcm-token-1"}}""");
        store.apply("C1", "e1", BankEventType.CUSTOMER_UPDATED, update, Instant.now());

        Document stored = client.getDatabase("test").getCollection("profiles").find(Filters.eq("_id", "C1")).first();
        assertThat(stored.toJson()).doesNotContain("447700900123").doesNotContainIgnoringCase("mei@example.com").doesNotContain("fcm-token-1");
        assertThat(store.contactPoints(stored)).containsExactly(Map.entry("phone", "+447700900123"), Map.entry("email", "Mei@Example.com"),
                Map.entry("pushToken", "fcm-token-1"));
        assertThat(store.customersWithPhone("+44 7700 900123")).containsExactly("C1");
        assertThat(store.customersWithPhone("+447700900124")).isEmpty();
    }

    @Test
    void purchaseAddsAHoldingAndRepaidLoanRemovesIt() throws Exception {
        store.apply("C1", "e1", BankEventType.PRODUCT_PURCHASED, Json.mapper().readTree("{\"productCode\":\"PERSONAL_LOAN\"}"), Instant.now());
        assertThat(ProfileSnapshots.of(store.find("C1").orElseThrow()).holdings()).contains("PERSONAL_LOAN");

        store.apply("C1", "e2", BankEventType.LOAN_REPAID, Json.mapper().readTree("{\"loanId\":\"L1\",\"productCode\":\"PERSONAL_LOAN\"}"), Instant.now());
        assertThat(ProfileSnapshots.of(store.find("C1").orElseThrow()).holdings()).doesNotContain("PERSONAL_LOAN");
    }

    @Test
    void batchAppliesOneCustomersEventsInOrderAndReturnsTheProfileAfterEach() throws Exception {
        var snapshots = store.applyAll(List.of(
                new ProfileStore.Change("C1", "e1", BankEventType.TRANSACTION_POSTED, salary(3000), Instant.now()),
                new ProfileStore.Change("C2", "e2", BankEventType.TRANSACTION_POSTED, salary(1000), Instant.now()),
                new ProfileStore.Change("C1", "e3", BankEventType.TRANSACTION_POSTED, salary(3300), Instant.now())));

        assertThat(snapshots.get(0).salary().previousAmount()).isNull();
        assertThat(snapshots.get(2).salary().previousAmount()).isEqualByComparingTo(new BigDecimal("3000"));
        assertThat(snapshots.get(2).salary().amount()).isEqualByComparingTo(new BigDecimal("3300"));
        assertThat(ProfileSnapshots.of(store.find("C2").orElseThrow()).salary().amount()).isEqualByComparingTo(new BigDecimal("1000"));
    }

    @Test
    void batchWrittenOverAProfileChangedMeanwhileFailsInsteadOfOverwriting() throws Exception {
        store.apply("C1", "e1", BankEventType.TRANSACTION_POSTED, salary(3000), Instant.now());
        var database = client.getDatabase("test");
        var racing = new ProfileStore(database, TestKeys.protection()) {
            @Override
            protected Map<String, Document> load(List<String> customerIds) {
                var loaded = super.load(customerIds);
                // another writer changes the profile after this batch read it (a partition moved mid-batch)
                database.getCollection("profiles").updateOne(Filters.eq("_id", "C1"), Updates.inc("version", 1L));
                return loaded;
            }
        };

        assertThatThrownBy(() -> racing.apply("C1", "e2", BankEventType.TRANSACTION_POSTED, salary(3300), Instant.now()))
                .isInstanceOf(MongoException.class);
        assertThat(ProfileSnapshots.of(store.find("C1").orElseThrow()).salary().amount()).isEqualByComparingTo(new BigDecimal("3000"));
    }

    private static JsonNode salary(int amount) throws Exception {
        return Json.mapper().readTree("{\"accountId\":\"A\",\"amount\":" + amount + ",\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"SALARY\"}");
    }
}
