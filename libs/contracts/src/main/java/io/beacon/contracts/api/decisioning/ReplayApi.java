package io.beacon.contracts.api.decisioning;

import io.beacon.contracts.api.ApiProblem;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.PostExchange;

/**
 * A proposed rules folder replayed over the events recorded in the last days beside the live version (ADR 0029); one
 * replay at a time, nothing it does seen outside its answer. A replay takes a while: call it with a long read timeout.
 */
public interface ReplayApi {

    /**
     * {@code POST /api/changes/replay}.
     *
     * @throws ApiProblem.Invalid 400 naming each field that is wrong; 422 when the proposed rules do not load (each
     *                            problem an error: {@code file:line}, or {@code file:line: pointer}, and the reason)
     *                            or no event was recorded in the window; 429 while another replay runs
     */
    @PostExchange(url = "/api/changes/replay", contentType = MediaType.APPLICATION_JSON_VALUE)
    Replay replay(@RequestBody ReplayRequest request);
}
