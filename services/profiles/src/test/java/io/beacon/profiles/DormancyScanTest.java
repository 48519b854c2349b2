package io.beacon.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.platform.TestKeys;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.platform.EventPublisher;
import io.cloudevents.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DormancyScanTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private ProfileStore store;
    private final List<ProfiledEvent> published = new ArrayList<>();
    private EventPublisher publisher;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        store = new ProfileStore(client.getDatabase("test"), TestKeys.protection());
        publisher = mock(EventPublisher.class);
        doAnswer(call -> published.add(BeaconEvents.data((CloudEvent) call.getArgument(2), ProfiledEvent.class)))
                .when(publisher).publishAndWait(anyString(), anyString(), any());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void customerWithoutALoginFor60DaysIsReportedOnceAndAgainOnlyAfter30Days() throws Exception {
        login("DORMANT", NOW.minus(Duration.ofDays(61)));
        login("ACTIVE", NOW.minus(Duration.ofDays(59)));

        assertThat(scanAt(NOW)).isEqualTo(1);
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.profile().customerId()).isEqualTo("DORMANT");
            assertThat(e.eventType()).isEqualTo(DormancyScan.TYPE);
        });
        assertThat(scanAt(NOW.plus(Duration.ofDays(1)))).as("already reported").isZero();
        assertThat(scanAt(NOW.plus(Duration.ofDays(31)))).as("still dormant a month later").isEqualTo(2);
    }

    @Test
    void customerWhoNeverLoggedInIsNotDormantButNeverActivated() throws Exception {
        store.apply("NEVER", "e1", BankEventType.CUSTOMER_UPDATED, Json.mapper().readTree("{\"country\":\"GB\"}"), NOW);

        assertThat(scanAt(NOW)).isZero();
    }

    private int scanAt(Instant now) {
        return new DormancyScan(client.getDatabase("test"), publisher, Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofDays(60), Duration.ofDays(30), new SealedFields(TestKeys.protection())).scan();
    }

    private void login(String customerId, Instant at) throws Exception {
        store.apply(customerId, customerId + "-login", BankEventType.DIGITAL_LOGIN, Json.mapper().readTree("{\"channel\":\"APP\"}"), at);
    }
}
