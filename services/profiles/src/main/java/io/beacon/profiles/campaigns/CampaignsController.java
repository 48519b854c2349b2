package io.beacon.profiles.campaigns;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.CampaignListing;
import io.beacon.contracts.api.profiles.CampaignRun;
import io.beacon.contracts.api.profiles.CampaignView;
import io.beacon.contracts.api.profiles.CampaignsApi;
import io.beacon.contracts.api.profiles.DefinitionProblem;
import io.beacon.contracts.api.profiles.DefinitionsRejection;
import io.beacon.contracts.api.profiles.RunConfirmation;
import io.beacon.contracts.api.profiles.RunConfirmed;
import io.beacon.contracts.api.profiles.SampledAudience;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.RestController;

/** The campaigns for marketing operations (through the console): what is declared, each run's live progress, confirmation. */
@RestController
class CampaignsController implements CampaignsApi {

    /** A confirmation of a run that does not wait for one (409). */
    static final URI RUN_NOT_WAITING = URI.create("https://beacon.example/problems/run-not-awaiting-confirmation");

    private final CampaignReloader definitions;
    private final CampaignRunner runner;
    private final AudienceSample samples;
    private final java.time.Clock clock;

    CampaignsController(CampaignReloader definitions, CampaignRunner runner, AudienceSample samples, java.time.Clock campaignClock) {
        this.definitions = definitions;
        this.runner = runner;
        this.samples = samples;
        this.clock = campaignClock;
    }

    /**
     * The campaign's audience now, for decisioning's preview before launch: the count and the members' snapshots (a
     * uniform sample past {@code limit}). Reads only; nothing is stored or sent.
     */
    @Override
    public SampledAudience audienceSample(String campaignId, int limit) {
        if (limit < 1 || limit > MAX_SAMPLE) {
            throw ApiProblem.Invalid.field("limit", "must be between 1 and " + MAX_SAMPLE + ", was " + limit);
        }
        CampaignDefinitions current = definitions.get();
        Campaign c = known(current, campaignId);
        // a loaded campaign always names a declared audience: the load refuses one that does not
        AudienceSample.Sample sample = samples.take(c, current.audiences().get(c.audienceId()), limit);
        return new SampledAudience(sample.campaignId(), sample.audience(), sample.audienceExpression(), sample.offer(), sample.found(),
                sample.sampled(), sample.takenAt(), sample.members());
    }

    @Override
    public CampaignListing campaigns() {
        CampaignDefinitions current = definitions.get();
        Instant now = Instant.now(clock);
        List<CampaignView> views = current.campaigns().values().stream().sorted(Comparator.comparing(Campaign::id)).map(c -> view(c, current, now)).toList();
        return new CampaignListing(current.version(), current.loadedAt(), views, rejection(definitions.lastRejected()));
    }

    @Override
    public CampaignView campaign(String campaignId) {
        CampaignDefinitions current = definitions.get();
        return view(known(current, campaignId), current, Instant.now(clock));
    }

    @Override
    public CampaignRun run(String campaignId, String runId) {
        return run(progress(campaignId, runId));
    }

    /** A run larger than its campaign's confirmAbove starts emitting once confirmed, by whom the console says. */
    @Override
    public RunConfirmed confirm(String campaignId, String runId, RunConfirmation body) {
        if (body == null || body.confirmedBy() == null || body.confirmedBy().isBlank()) {
            throw ApiProblem.Invalid.field("/confirmedBy", "who confirms the run is required");
        }
        var progress = progress(campaignId, runId);
        if (!runner.confirm(runId, body.confirmedBy())) {
            // the console shows the detail after "run <id> is not confirmed: "
            throw new ApiProblem.Invalid(409, RUN_NOT_WAITING, "Conflict", "it is " + progress.status().name()
                    + ", and only a run waiting for a confirmation can be confirmed", List.of());
        }
        return new RunConfirmed(true, runId);
    }

    private CampaignRunner.Progress progress(String campaignId, String runId) {
        return runner.progress(runId).filter(p -> p.campaignId().equals(campaignId))
                .orElseThrow(() -> new ApiProblem.NotFound("no run " + runId + " of campaign " + campaignId));
    }

    private static Campaign known(CampaignDefinitions current, String campaignId) {
        Campaign c = current.campaigns().get(campaignId);
        if (c == null) {
            throw new ApiProblem.NotFound("no campaign " + campaignId + " is declared");
        }
        return c;
    }

    private CampaignView view(Campaign c, CampaignDefinitions current, Instant now) {
        Audience audience = current.audiences().get(c.audienceId());
        Instant next = c.schedule().next(now, runner.publishedAt(c, now)).orElse(null);
        return new CampaignView(c.id(), c.name(), c.file(), c.audienceId(), audience == null ? null : audience.expression().text(), c.offerCode(),
                c.scheduleText(), next, c.sendWindow().from() + "-" + c.sendWindow().until(), c.ratePerSecond(), c.confirmAbove(),
                runner.runsOf(c.id(), 5).stream().map(CampaignsController::run).toList());
    }

    private static CampaignRun run(CampaignRunner.Progress p) {
        return new CampaignRun(p.runId(), p.campaignId(), p.offerCode(), CampaignRun.Status.valueOf(p.status().name()), p.dueAt(),
                p.scanned(), p.found(), p.triggered(), p.waitingForWindow(), p.remaining(), p.timeLeft(), p.confirmAbove(),
                p.confirmedBy(), p.stoppedBecause());
    }

    private static DefinitionsRejection rejection(CampaignReloader.Rejection rejected) {
        return rejected == null ? null : new DefinitionsRejection(rejected.at(), rejected.fingerprint(), rejected.problems().stream()
                .map(p -> new DefinitionProblem(p.file(), p.line(), p.pointer(), p.reason())).toList());
    }
}
