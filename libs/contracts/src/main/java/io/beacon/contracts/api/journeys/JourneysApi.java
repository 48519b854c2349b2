package io.beacon.contracts.api.journeys;

import io.beacon.contracts.api.ApiProblem;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The journeys service: what is deployed from workflows/, how many instances run, and what a proposed folder would deploy. */
public interface JourneysApi {

    /** {@code GET /api/journeys}: the deployment as the engine has it, its running instances, the engine's state. */
    @GetExchange("/api/journeys")
    JourneysState journeys();

    /**
     * {@code POST /api/journeys/check}: what a proposed workflows/ folder would deploy and every reason the deployment
     * would refuse it, with nothing deployed (ADR 0029).
     *
     * @throws ApiProblem.Invalid when the request has no files
     */
    @PostExchange("/api/journeys/check")
    JourneysCheck check(@RequestBody JourneysCheckRequest request);
}
