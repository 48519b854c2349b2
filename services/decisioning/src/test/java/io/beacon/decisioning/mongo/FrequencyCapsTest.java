package io.beacon.decisioning.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.ReasonCode;
import io.beacon.decisioning.policy.FrequencyCaps;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The frequency caps on their MongoDB store: the counters, the give-back, a retried step and racing journeys. */
class FrequencyCapsTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    private MongoServer server;
    private MongoClient client;
    private FrequencyCaps caps;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        caps = new FrequencyCaps(new FrequencyCapStore(client.getDatabase("test")), 1, 3);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void oneMessageADay() {
        assertThat(caps.reserve("C1", MONDAY)).isEmpty();
        assertThat(caps.reserve("C1", MONDAY)).contains(ReasonCode.FREQUENCY_CAP);
        assertThat(caps.reserve("C2", MONDAY)).as("another customer has their own caps").isEmpty();
    }

    @Test
    void threeMessagesAWeekAndTheFourthDayOfTheWeekIsRefused() {
        assertThat(caps.reserve("C1", MONDAY)).isEmpty();
        assertThat(caps.reserve("C1", MONDAY.plusDays(1))).isEmpty();
        assertThat(caps.reserve("C1", MONDAY.plusDays(2))).isEmpty();

        assertThat(caps.reserve("C1", MONDAY.plusDays(3))).contains(ReasonCode.FREQUENCY_CAP);
        assertThat(caps.reserve("C1", MONDAY.plusDays(7))).as("a new ISO week").isEmpty();
    }

    @Test
    void refusedDayGivesItsWeekSlotBack() {
        caps.reserve("C1", MONDAY);
        caps.reserve("C1", MONDAY);
        caps.reserve("C1", MONDAY);

        assertThat(caps.reserve("C1", MONDAY.plusDays(1))).isEmpty();
        assertThat(caps.reserve("C1", MONDAY.plusDays(2))).isEmpty();
    }

    @Test
    void retriedJourneyStepGetsItsFirstAnswerAndTakesNoSecondSlot() {
        assertThat(caps.reserveOnce("instance-1/Task_CheckContactPolicy", "C1", MONDAY)).isEmpty();
        assertThat(caps.reserveOnce("instance-1/Task_CheckContactPolicy", "C1", MONDAY)).as("the retry").isEmpty();

        assertThat(caps.reserveOnce("instance-2/Task_CheckContactPolicy", "C1", MONDAY)).contains(ReasonCode.FREQUENCY_CAP);
        assertThat(caps.reserveOnce("instance-2/Task_CheckContactPolicy", "C1", MONDAY)).contains(ReasonCode.FREQUENCY_CAP);
    }

    @Test
    void aRetriedStepGivesBackTheSlotItTookBeforeFindingItsFirstAnswer() {
        var twoADay = new FrequencyCaps(new FrequencyCapStore(client.getDatabase("test")), 2, 3);
        assertThat(twoADay.reserveOnce("instance-1/Task_CheckContactPolicy", "C1", "sms", MONDAY)).isEmpty();
        assertThat(twoADay.reserveOnce("instance-1/Task_CheckContactPolicy", "C1", "sms", MONDAY)).as("the retry").isEmpty();

        assertThat(twoADay.reserveOnce("instance-2/Task_CheckContactPolicy", "C1", "sms", MONDAY)).as("the day's second slot is free").isEmpty();
        assertThat(twoADay.reserveOnce("instance-3/Task_CheckContactPolicy", "C1", "sms", MONDAY)).contains(ReasonCode.FREQUENCY_CAP);
    }

    @Test
    void releasedSlotCanBeTakenAgain() {
        caps.reserve("C1", MONDAY);
        caps.release("C1", null, MONDAY);

        assertThat(caps.reserve("C1", MONDAY)).isEmpty();
    }

    @Test
    void twoJourneysRacingForTheLastSlotOfTheDayGetItOnce() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String customer = "RACE-" + round;
                var start = new CountDownLatch(1);
                List<Callable<Optional<ReasonCode>>> journeys = new ArrayList<>();
                for (int j = 0; j < 8; j++) {
                    journeys.add(() -> {
                        start.await();
                        return caps.reserve(customer, MONDAY);
                    });
                }
                var futures = journeys.stream().map(pool::submit).toList();
                start.countDown();
                long granted = 0;
                for (var f : futures) {
                    if (f.get().isEmpty()) {
                        granted++;
                    }
                }
                assertThat(granted).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChannelCapIsOnTopOfTheGlobalCaps() {
        var channelCaps = new FrequencyCaps(new FrequencyCapStore(client.getDatabase("channels")), 2, 5,
                java.util.Map.of("sms", new FrequencyCaps.Limits(1, 1)));

        assertThat(channelCaps.reserve("C1", "sms", MONDAY)).isEmpty();
        assertThat(channelCaps.reserve("C1", "sms", MONDAY)).as("the SMS day is full").contains(ReasonCode.FREQUENCY_CAP);
        assertThat(channelCaps.reserve("C1", "push", MONDAY)).as("push has only the global caps: 1 of 2 used").isEmpty();
        assertThat(channelCaps.reserve("C1", "email", MONDAY)).as("the global day (2) is full").contains(ReasonCode.FREQUENCY_CAP);
        assertThat(channelCaps.reserve("C1", "sms", MONDAY.plusDays(1))).as("the SMS week (1) is full").contains(ReasonCode.FREQUENCY_CAP);
        assertThat(channelCaps.reserve("C1", "push", MONDAY.plusDays(1))).as("the refused SMS gave its global slots back").isEmpty();
    }

    @Test
    void aMessageRefusedByItsChannelCapGivesTheGlobalSlotsBack() {
        var channelCaps = new FrequencyCaps(new FrequencyCapStore(client.getDatabase("giveback")), 1, 3,
                java.util.Map.of("sms", new FrequencyCaps.Limits(0, 0)));

        assertThat(channelCaps.reserve("C1", "sms", MONDAY)).as("SMS switched off by its cap").contains(ReasonCode.FREQUENCY_CAP);
        assertThat(channelCaps.reserve("C1", "email", MONDAY)).as("the day's one global slot is still free").isEmpty();
    }

    @Test
    void racingJourneysOnTwoChannelsTakeTheLastGlobalSlotOnce() throws Exception {
        var channelCaps = new FrequencyCaps(new FrequencyCapStore(client.getDatabase("race")), 1, 3,
                java.util.Map.of("sms", new FrequencyCaps.Limits(1, 3), "push", new FrequencyCaps.Limits(1, 3)));
        var pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                String customer = "RACE-" + round;
                var start = new CountDownLatch(1);
                List<Callable<Optional<ReasonCode>>> journeys = new ArrayList<>();
                for (int j = 0; j < 8; j++) {
                    String channel = j % 2 == 0 ? "sms" : "push";
                    journeys.add(() -> {
                        start.await();
                        return channelCaps.reserve(customer, channel, MONDAY);
                    });
                }
                var futures = journeys.stream().map(pool::submit).toList();
                start.countDown();
                long granted = 0;
                for (var f : futures) {
                    granted += f.get().isEmpty() ? 1 : 0;
                }
                assertThat(granted).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
