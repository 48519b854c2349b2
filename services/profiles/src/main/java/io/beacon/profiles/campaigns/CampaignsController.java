package io.beacon.profiles.campaigns;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The campaigns for marketing operations (through the console): what is declared, each run's live progress, confirmation. */
@RestController
class CampaignsController {

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

    static final int MAX_SAMPLE = 10_000;

    /**
     * The campaign's audience now, for decisioning's preview before launch: the count and the members' snapshots (a
     * uniform sample past {@code limit}). Reads only; nothing is stored or sent.
     */
    @GetMapping("/api/campaigns/{campaignId}/audience-sample")
    ResponseEntity<?> audienceSample(@PathVariable String campaignId, @RequestParam(defaultValue = "2000") int limit) {
        if (limit < 1 || limit > MAX_SAMPLE) {
            return ResponseEntity.badRequest().body(Map.of("field", "limit", "message", "must be between 1 and " + MAX_SAMPLE + ", was " + limit));
        }
        CampaignDefinitions current = definitions.get();
        Campaign c = current.campaigns().get(campaignId);
        if (c == null) {
            return ResponseEntity.notFound().build();
        }
        // a loaded campaign always names a declared audience: the load refuses one that does not
        return ResponseEntity.ok(samples.take(c, current.audiences().get(c.audienceId()), limit));
    }

    record CampaignView(String id, String name, String file, String audience, String audienceExpression, String offer,
                        String schedule, Instant nextRun, String sendWindow, int ratePerSecond, long confirmAbove,
                        List<CampaignRunner.Progress> runs) {
    }

    record Listing(String version, Instant loadedAt, List<CampaignView> campaigns, CampaignReloader.Rejection lastRejected) {
    }

    @GetMapping("/api/campaigns")
    Listing campaigns() {
        CampaignDefinitions current = definitions.get();
        Instant now = Instant.now(clock);
        List<CampaignView> views = current.campaigns().values().stream().sorted(Comparator.comparing(Campaign::id)).map(c -> view(c, current, now)).toList();
        return new Listing(current.version(), current.loadedAt(), views, definitions.lastRejected());
    }

    @GetMapping("/api/campaigns/{campaignId}")
    ResponseEntity<CampaignView> campaign(@PathVariable String campaignId) {
        CampaignDefinitions current = definitions.get();
        Campaign c = current.campaigns().get(campaignId);
        return c == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(view(c, current, Instant.now(clock)));
    }

    @GetMapping("/api/campaigns/{campaignId}/runs/{runId}")
    ResponseEntity<CampaignRunner.Progress> run(@PathVariable String campaignId, @PathVariable String runId) {
        return runner.progress(runId).filter(p -> p.campaignId().equals(campaignId)).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    record Confirmation(String confirmedBy) {
    }

    /** A run larger than its campaign's confirmAbove starts emitting once confirmed, by whom the console says. */
    @PostMapping("/api/campaigns/{campaignId}/runs/{runId}/confirm")
    ResponseEntity<Map<String, Object>> confirm(@PathVariable String campaignId, @PathVariable String runId, @RequestBody(required = false) Confirmation body) {
        if (body == null || body.confirmedBy() == null || body.confirmedBy().isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("field", "/confirmedBy", "message", "who confirms the run is required"));
        }
        var progress = runner.progress(runId).filter(p -> p.campaignId().equals(campaignId));
        if (progress.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        boolean confirmed = runner.confirm(runId, body.confirmedBy());
        return confirmed ? ResponseEntity.ok(Map.of("confirmed", true, "runId", runId))
                : ResponseEntity.status(409).body(Map.of("confirmed", false, "status", progress.get().status().name(),
                "message", "only a run waiting for a confirmation can be confirmed"));
    }

    private CampaignView view(Campaign c, CampaignDefinitions current, Instant now) {
        Audience audience = current.audiences().get(c.audienceId());
        Instant next = c.schedule().next(now, runner.publishedAt(c, now)).orElse(null);
        return new CampaignView(c.id(), c.name(), c.file(), c.audienceId(), audience == null ? null : audience.expression().text(), c.offerCode(),
                c.scheduleText(), next, c.sendWindow().from() + "-" + c.sendWindow().until(), c.ratePerSecond(), c.confirmAbove(),
                runner.runsOf(c.id(), 5));
    }
}
