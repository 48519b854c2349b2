package io.beacon.contracts.api.channels;

import io.beacon.contracts.api.ApiProblem;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/** A channel service's content (ADR 0027): every sender (sms, push, email) serves it for its own templates. */
public interface TemplatesApi {

    /** {@code GET /api/templates}: the content version serving, from where, every template, the last refused change. */
    @GetExchange("/api/templates")
    TemplatesStatus templates();

    /**
     * {@code POST /api/templates/check}: a complete content tree, checked as this channel would load it, with no effect on
     * the set serving, and the messages it would render differently (for a proposed change's report, ADR 0029).
     *
     * @throws ApiProblem.Invalid when the request has no files
     */
    @PostExchange("/api/templates/check")
    TemplatesCheck check(@RequestBody(required = false) TemplatesCheckRequest request);
}
