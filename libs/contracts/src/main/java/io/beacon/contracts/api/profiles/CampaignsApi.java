package io.beacon.contracts.api.profiles;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The scheduled campaigns for marketing operations (through the console) and decisioning's audience preview: what is
 * declared, each run's live progress, the confirmation a large run waits for. An unknown campaign or run is
 * {@link io.beacon.contracts.api.ApiProblem.NotFound}.
 */
public interface CampaignsApi {

    /** At most this many members in an audience sample. */
    int MAX_SAMPLE = 10_000;

    /** The campaigns declared now, each with its next run and its latest runs, and the last refused change. */
    @GetExchange("/api/campaigns")
    CampaignListing campaigns();

    @GetExchange("/api/campaigns/{campaignId}")
    CampaignView campaign(@PathVariable String campaignId);

    /**
     * The campaign's audience now: the count and the members' snapshots, a uniform sample past {@code limit} (1 to
     * {@link #MAX_SAMPLE}; 400 naming {@code limit} otherwise). Reads only; nothing is stored or sent.
     */
    @GetExchange("/api/campaigns/{campaignId}/audience-sample")
    SampledAudience audienceSample(@PathVariable String campaignId, @RequestParam(defaultValue = "2000") int limit);

    @GetExchange("/api/campaigns/{campaignId}/runs/{runId}")
    CampaignRun run(@PathVariable String campaignId, @PathVariable String runId);

    /**
     * A run larger than its campaign's {@code confirmAbove} starts emitting once confirmed, by whom the body says (400
     * naming {@code /confirmedBy} without one). A run that does not wait for a confirmation is refused with 409.
     */
    @PostExchange("/api/campaigns/{campaignId}/runs/{runId}/confirm")
    RunConfirmed confirm(@PathVariable String campaignId, @PathVariable String runId, @RequestBody(required = false) RunConfirmation confirmation);
}
