package io.beacon.profiles.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.platform.EventPublisher;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run engine on the MongoDB stand-in: checkpoint, idempotency, claim, throttle, send window, confirmation. */
class CampaignRunnerTest {

    private static final io.beacon.profiles.SealedFields SEALED = new io.beacon.profiles.SealedFields(io.beacon.platform.TestKeys.protection());


    static final Instant NOW = Instant.parse("2026-12-04T14:00:00Z"); // 14:00 in London, 22:00 in Shanghai
    static final Duration LEASE = Duration.ofMinutes(2);

    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    MutableClock clock = new MutableClock(NOW);
    final List<ProfiledEvent> published = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failOnSend = new AtomicInteger(-1);
    final AtomicInteger sends = new AtomicInteger();
    EventPublisher publisher;
    CampaignDefinitions definitions;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        db = client.getDatabase("test");
        publisher = mock(EventPublisher.class);
        doAnswer(call -> {
            if (sends.incrementAndGet() == failOnSend.get()) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker gone"));
            }
            published.add(BeaconEvents.data((CloudEvent) call.getArgument(2), ProfiledEvent.class));
            return CompletableFuture.completedFuture(null);
        }).when(publisher).publish(anyString(), anyString(), any(CloudEvent.class));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aRunKilledMidwayResumesOnAnotherInstanceAndReachesEveryMemberExactlyOnce() {
        for (int i = 0; i < 30; i++) {
            profile(String.format("C%03d", i), i % 3 == 0 ? "CN" : "GB", "Europe/London", false, "salaryCreditedTwiceIn60Days");
        }
        campaign("list contains(tags, \"salaryCreditedTwiceIn60Days\") and country = \"GB\"", new Schedule.Once(NOW), 1000);
        failOnSend.set(9); // the broker refuses the 9th member: the first instance stops after that batch

        runner().tick();
        assertThat(published).hasSize(19);
        assertThat(db.getCollection("campaign_members").countDocuments(Filters.exists("emittedAt"))).as("marked as published").isEqualTo(19);

        clock.advance(LEASE.plusSeconds(1)); // the first instance is gone; its lease runs out
        failOnSend.set(-1);
        runner().tick();

        var reached = published.stream().map(e -> e.profile().customerId()).toList();
        assertThat(reached).hasSize(20).doesNotHaveDuplicates();
        assertThat(published).allSatisfy(e -> {
            assertThat(e.eventId()).isEqualTo("campaign-spring-" + "20261204T140000Z-" + e.profile().customerId());
            assertThat(e.eventType()).isEqualTo(CampaignRunner.TYPE);
            assertThat(e.data().get("offerCode").asText()).isEqualTo("TRAVEL_CARD");
        });
        var progress = runner().progress("spring-20261204T140000Z").orElseThrow();
        assertThat(progress.status()).isEqualTo(CampaignRunner.Status.DONE);
        assertThat(progress.scanned()).isEqualTo(30);
        assertThat(progress.found()).isEqualTo(20);
        assertThat(progress.triggered()).isEqualTo(20);
        assertThat(progress.remaining()).isZero();
    }

    @Test
    void aScanResumedFromAnEarlierCheckpointFindsNobodyTwice() {
        for (int i = 0; i < 10; i++) {
            profile("C" + i, "GB", "Europe/London", false, "salaryCreditedTwiceIn60Days");
        }
        campaign("country = \"GB\"", new Schedule.Once(NOW), 1000);
        runner().tick();
        assertThat(published).hasSize(10);

        // as if killed after recording members but before moving the checkpoint: the batch is judged again
        db.getCollection("campaign_runs").updateOne(Filters.eq("_id", "spring-20261204T140000Z"),
                Updates.combine(Updates.unset("checkpoint"), Updates.set("status", "SCANNING"), Updates.unset("owner")));
        runner().tick();

        assertThat(published).hasSize(10);
        assertThat(runner().progress("spring-20261204T140000Z").orElseThrow().found()).isEqualTo(10);
    }

    @Test
    void twoInstancesCreateAndRunTheSameRunOnce() {
        profile("C1", "GB", "Europe/London", false);
        campaign("country = \"GB\"", new Schedule.Once(NOW), 1000);
        CampaignRunner a = runner();
        CampaignRunner b = runner();

        assertThat(a.schedule()).containsExactly("spring-20261204T140000Z");
        assertThat(b.schedule()).isEmpty();
        a.tick();
        b.tick();

        assertThat(published).hasSize(1);
        assertThat(db.getCollection("campaign_runs").countDocuments()).isEqualTo(1);
    }

    @Test
    void anAudienceWithAnOptedOutAndANoProfilingCustomerUsesNoTagsForTheLatter() {
        profile("TAGGED-CN", "CN", "Asia/Shanghai", false, "salaryCreditedTwiceIn60Days");
        profile("NOPROF-CN", "CN", "Asia/Shanghai", true, "salaryCreditedTwiceIn60Days"); // its stored tag is never used
        profile("NOPROF-GB", "GB", "Europe/London", true, "salaryCreditedTwiceIn60Days"); // a member by attributes alone
        profile("OPTED-OUT-GB", "GB", "Europe/London", false);
        db.getCollection("profiles").updateOne(Filters.eq("_id", "OPTED-OUT-GB"), Updates.set("noMarketing", true));
        campaign("list contains(tags, \"salaryCreditedTwiceIn60Days\") or country = \"GB\"", new Schedule.Once(NOW), 1000);
        clock.set(Instant.parse("2026-12-04T09:00:00Z")); // open in London and Shanghai alike
        definitions = withSchedule(new Schedule.Once(clock.instant()));

        runner().tick();

        assertThat(published).extracting(e -> e.profile().customerId())
                .containsExactlyInAnyOrder("TAGGED-CN", "NOPROF-GB", "OPTED-OUT-GB");
        assertThat(published).filteredOn(e -> e.profile().customerId().equals("NOPROF-GB")).singleElement().satisfies(e -> {
            assertThat(e.profile().noProfiling()).isTrue();
            assertThat(e.profile().personaTags()).isEmpty();
        });
    }

    @Test
    void membersOutsideTheirLocalSendWindowWaitUntilItOpens() {
        profile("LONDON", "GB", "Europe/London", false);
        profile("SHANGHAI", "CN", "Asia/Shanghai", false);
        campaign("true", new Schedule.Once(NOW), 1000);

        runner().tick();

        assertThat(published).extracting(e -> e.profile().customerId()).containsExactly("LONDON");
        var progress = runner().progress("spring-20261204T140000Z").orElseThrow();
        assertThat(progress.status()).isEqualTo(CampaignRunner.Status.EMITTING);
        assertThat(progress.waitingForWindow()).isEqualTo(1);
        assertThat(progress.timeLeft()).isEqualTo(Duration.ofHours(10)); // 08:00 in Shanghai is 00:00 UTC

        clock.set(Instant.parse("2026-12-04T23:59:59Z"));
        runner().tick();
        assertThat(published).hasSize(1);

        clock.set(Instant.parse("2026-12-05T00:00:00Z"));
        runner().tick();
        assertThat(published).extracting(e -> e.profile().customerId()).containsExactly("LONDON", "SHANGHAI");
        assertThat(runner().progress("spring-20261204T140000Z").orElseThrow().status()).isEqualTo(CampaignRunner.Status.DONE);
    }

    @Test
    void aRunLargerThanItsConfirmationThresholdEmitsNothingUntilConfirmed() {
        for (int i = 0; i < 3; i++) {
            profile("C" + i, "GB", "Europe/London", false);
        }
        campaign("true", new Schedule.Once(NOW), 2);

        runner().tick();
        runner().tick();
        assertThat(published).isEmpty();
        assertThat(runner().progress("spring-20261204T140000Z").orElseThrow()).satisfies(p -> {
            assertThat(p.status()).isEqualTo(CampaignRunner.Status.AWAITING_CONFIRMATION);
            assertThat(p.found()).isEqualTo(3);
        });

        assertThat(runner().confirm("spring-20261204T140000Z", "ops-1")).isTrue();
        assertThat(runner().confirm("spring-20261204T140000Z", "ops-2")).as("confirmed once").isFalse();
        runner().tick();

        assertThat(published).hasSize(3);
    }

    @Test
    void aCampaignRunsWhenItsScheduleIsDueAndNotBefore() {
        profile("C1", "GB", "Europe/London", false);
        campaign("true", new Schedule.AfterPublished(Duration.ofMinutes(3)), 1000);

        runner().tick(); // published now: due in three minutes
        assertThat(db.getCollection("campaign_runs").countDocuments()).isZero();
        clock.advance(Duration.ofMinutes(3));
        runner().tick();

        assertThat(published).hasSize(1);
        assertThat(published.getFirst().data().get("runId").asText()).isEqualTo("spring-20261204T140300Z");
    }

    @Test
    void theAudiencePreviewSampleCountsEveryMemberAndCarriesTheirSnapshotsWithoutContactPoints() {
        for (int i = 0; i < 30; i++) {
            profile(String.format("C%03d", i), i % 3 == 0 ? "CN" : "GB", "Europe/London", false, "salaryCreditedTwiceIn60Days");
        }
        db.getCollection("profiles").updateOne(Filters.eq("_id", "C001"), Updates.set("contactPoints", new Document("phone", "enc:v1:opaque")));
        campaign("list contains(tags, \"salaryCreditedTwiceIn60Days\") and country = \"GB\"", new Schedule.Once(NOW), 1000);
        var samples = new AudienceSample(db, clock, 4, SEALED);
        var audience = definitions.audiences().get("spring-audience");
        var campaign = definitions.campaigns().get("spring");

        var all = samples.take(campaign, audience, 100);
        assertThat(all.found()).isEqualTo(20);
        assertThat(all.sampled()).isFalse();
        assertThat(all.offer()).isEqualTo("TRAVEL_CARD");
        assertThat(all.members()).hasSize(20).allSatisfy(m -> assertThat(m.country()).isEqualTo("GB"));
        assertThat(all.members()).filteredOn(m -> m.customerId().equals("C001")).singleElement()
                .satisfies(m -> assertThat(m.contactChannels()).containsExactly("sms"));

        var some = samples.take(campaign, audience, 5);
        assertThat(some.found()).isEqualTo(20);
        assertThat(some.sampled()).isTrue();
        assertThat(some.members()).hasSize(5).extracting(m -> m.customerId()).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(Integer.parseInt(id.substring(1)) % 3).isNotZero());
        assertThat(samples.take(campaign, audience, 5).members()).as("the same data gives the same sample").isEqualTo(some.members());
        // a preview is only a read: no run, no member, nothing published
        assertThat(db.getCollection("campaign_runs").countDocuments()).isZero();
        assertThat(db.getCollection("campaign_members").countDocuments()).isZero();
        assertThat(published).isEmpty();
    }

    private CampaignRunner runner() {
        return new CampaignRunner(db, publisher, clock, () -> definitions, LEASE, 4, Duration.ofHours(1), SEALED);
    }

    private void campaign(String expression, Schedule schedule, long confirmAbove) {
        var compiled = AudienceExpression.compile(expression, CampaignDefinitionsTest.TAGS);
        assertThat(compiled.problems()).isEmpty();
        var audience = new Audience("spring-audience", "spring audience", "audiences/spring-audience.json", compiled.expression());
        var campaign = new Campaign("spring", "Spring campaign", "campaigns/spring.json", audience.id(), "TRAVEL_CARD", schedule, "",
                new SendWindow(LocalTime.of(8, 0), LocalTime.of(21, 0)), 100_000, confirmAbove, "f1");
        definitions = new CampaignDefinitions("v1", NOW, Map.of(audience.id(), audience), Map.of(campaign.id(), campaign));
    }

    private CampaignDefinitions withSchedule(Schedule schedule) {
        Campaign c = definitions.campaigns().get("spring");
        Campaign moved = new Campaign(c.id(), c.name(), c.file(), c.audienceId(), c.offerCode(), schedule, "", c.sendWindow(),
                c.ratePerSecond(), c.confirmAbove(), c.fingerprint());
        return new CampaignDefinitions("v2", NOW, definitions.audiences(), Map.of(moved.id(), moved));
    }

    private void profile(String id, String country, String zone, boolean noProfiling, String... tags) {
        Document personaTags = new Document();
        for (String tag : tags) {
            personaTags.append(tag, new Document("from", Date.from(NOW.minus(Duration.ofDays(10)))));
        }
        db.getCollection("profiles").insertOne(SEALED.forStorage(new Document("_id", id).append("country", country).append("timeZone", zone)
                .append("birthDate", "1990-05-01").append("noProfiling", noProfiling).append("personaTags", personaTags)));
    }
}
