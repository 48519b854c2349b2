package io.beacon.profiles.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.BankEventType;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.CampaignRun;
import io.beacon.contracts.api.profiles.CampaignView;
import io.beacon.contracts.api.profiles.CampaignsApi;
import io.beacon.contracts.api.profiles.RunConfirmation;
import io.beacon.contracts.api.profiles.RunConfirmed;
import io.beacon.contracts.api.profiles.SampledAudience;
import io.beacon.profiles.ProfileStore;
import io.beacon.profiles.ProfilesOverHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * CampaignsApi: the controller over real HTTP, called through the typed client the console and decisioning use, on the
 * campaign the repository ships (rules/campaigns/easy-saver-for-young-adults.json).
 */
class CampaignsApiContractTest extends ProfilesOverHttp {

    static final String CAMPAIGN = "easy-saver-for-young-adults";
    static final String WAITING = CAMPAIGN + "-20261205T090000Z";
    static final String DONE = CAMPAIGN + "-20261204T090000Z";

    @Autowired
    ProfileStore store;

    private CampaignsApi console;

    @BeforeEach
    void twoRunsAndAYoungAdult() throws Exception {
        database.getCollection("profiles").drop();
        database.getCollection("campaign_runs").drop();
        String birthDate = LocalDate.now().minusYears(30).toString();
        store.apply("C-YOUNG", "e1", BankEventType.CUSTOMER_UPDATED,
                Json.mapper().readTree("{\"birthDate\":\"" + birthDate + "\",\"country\":\"GB\",\"contactPoints\":{\"phone\":\"+447700900123\"}}"),
                Instant.now());
        store.apply("C-OLD", "e2", BankEventType.CUSTOMER_UPDATED, Json.mapper().readTree("{\"birthDate\":\"1950-01-01\",\"country\":\"GB\"}"),
                Instant.now());
        run(WAITING, "AWAITING_CONFIRMATION", Instant.parse("2026-12-05T09:00:00Z"), 6120, 0);
        run(DONE, "DONE", Instant.parse("2026-12-04T09:00:00Z"), 1234, 1234);
        console = api(CampaignsApi.class, "console");
    }

    /** A run as the runner records it. */
    private void run(String runId, String status, Instant dueAt, long found, long triggered) {
        database.getCollection("campaign_runs").insertOne(new Document("_id", runId).append("campaignId", CAMPAIGN).append("offer", "EASY_SAVER")
                .append("status", status).append("dueAt", Date.from(dueAt)).append("scanned", 48_210L).append("found", found)
                .append("triggered", triggered).append("ratePerSecond", 20).append("confirmAbove", 5000L));
    }

    @Test
    void theListingShowsTheDeclaredCampaignWithItsLatestRunsNewestFirst() {
        var listing = console.campaigns();

        assertThat(listing.version()).isNotBlank();
        assertThat(listing.loadedAt()).isNotNull();
        assertThat(listing.lastRejected()).isNull();
        CampaignView campaign = listing.campaigns().stream().filter(c -> c.id().equals(CAMPAIGN)).findFirst().orElseThrow();
        assertThat(campaign.audience()).isEqualTo("young-adults-without-savings");
        assertThat(campaign.audienceExpression()).contains("age25to35");
        assertThat(campaign.offer()).isEqualTo("EASY_SAVER");
        assertThat(campaign.sendWindow()).isEqualTo("08:00-21:00");
        assertThat(campaign.confirmAbove()).isEqualTo(5000);
        assertThat(campaign.runs()).extracting(CampaignRun::runId).containsExactly(WAITING, DONE);
        assertThat(campaign.runs().get(0).status()).isEqualTo(CampaignRun.Status.AWAITING_CONFIRMATION);
        assertThat(console.campaign(CAMPAIGN)).usingRecursiveComparison().ignoringFields("nextRun").isEqualTo(campaign);
        assertThatThrownBy(() -> console.campaign("no-such-campaign")).isInstanceOf(ApiProblem.NotFound.class);
    }

    @Test
    void aRunsProgressIsTyped() {
        CampaignRun run = console.run(CAMPAIGN, DONE);

        assertThat(run.status()).isEqualTo(CampaignRun.Status.DONE);
        assertThat(run.found()).isEqualTo(1234);
        assertThat(run.triggered()).isEqualTo(1234);
        assertThat(run.dueAt()).isEqualTo(Instant.parse("2026-12-04T09:00:00Z"));
        assertThat(run.timeLeft()).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> console.run("another-campaign", DONE)).isInstanceOf(ApiProblem.NotFound.class);
    }

    @Test
    void aWaitingRunIsConfirmedOnceByWhomTheBodySays() {
        assertThatThrownBy(() -> console.confirm(CAMPAIGN, WAITING, new RunConfirmation(" ")))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.errors()).extracting(ApiProblem.FieldError::field).containsExactly("/confirmedBy");
                });
        assertThatThrownBy(() -> console.confirm(CAMPAIGN, "no-such-run", new RunConfirmation("ops"))).isInstanceOf(ApiProblem.NotFound.class);

        assertThat(console.confirm(CAMPAIGN, WAITING, new RunConfirmation("ops"))).isEqualTo(new RunConfirmed(true, WAITING));
        assertThat(console.run(CAMPAIGN, WAITING).confirmedBy()).isEqualTo("ops");

        assertThatThrownBy(() -> console.confirm(CAMPAIGN, WAITING, new RunConfirmation("ops")))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
                    assertThat(problem.status()).isEqualTo(409);
                    assertThat(problem.type()).isEqualTo(CampaignsController.RUN_NOT_WAITING);
                    assertThat(problem.detail()).isEqualTo("it is EMITTING, and only a run waiting for a confirmation can be confirmed");
                });
    }

    @Test
    void theAudienceSampleIsTheMembersSnapshotsNow() {
        SampledAudience sample = api(CampaignsApi.class, "decisioning").audienceSample(CAMPAIGN, 10);

        assertThat(sample.campaignId()).isEqualTo(CAMPAIGN);
        assertThat(sample.offer()).isEqualTo("EASY_SAVER");
        assertThat(sample.found()).isEqualTo(1);
        assertThat(sample.sampled()).isFalse();
        assertThat(sample.members()).extracting(ProfileSnapshot::customerId).containsExactly("C-YOUNG");
        assertThat(sample.members().get(0).contactChannels()).containsExactly("sms");

        assertThatThrownBy(() -> console.audienceSample(CAMPAIGN, CampaignsApi.MAX_SAMPLE + 1))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem ->
                        assertThat(problem.errors()).extracting(ApiProblem.FieldError::field).containsExactly("limit"));
        assertThatThrownBy(() -> console.audienceSample("no-such-campaign", 10)).isInstanceOf(ApiProblem.NotFound.class);
    }
}
