package io.beacon.contracts.api.decisioning;

import io.beacon.contracts.api.ApiProblem;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.PostExchange;

/** Decisions tried out, with no side effect: nothing stored, published or counted against a cap. */
public interface SimulationApi {

    /**
     * {@code POST /api/decisions/simulate}: the full trace of a decision for a profile and an event, on the live rules.
     *
     * @throws ApiProblem.Invalid naming, by JSON pointer, every field of the request that is wrong
     */
    @PostExchange(url = "/api/decisions/simulate", contentType = MediaType.APPLICATION_JSON_VALUE)
    SimulationTrace simulate(@RequestBody SimulationRequest request);

    /**
     * {@code POST /api/decisions/simulate/campaigns/{campaignId}}: how many of the campaign's audience the offer would
     * reach now, after suitability and consent.
     *
     * @throws ApiProblem.NotFound    when profiles knows no such campaign
     * @throws ApiProblem.Unavailable when the audience or the consents could not be read
     */
    @PostExchange("/api/decisions/simulate/campaigns/{campaignId}")
    AudiencePreview previewCampaign(@PathVariable("campaignId") String campaignId);
}
