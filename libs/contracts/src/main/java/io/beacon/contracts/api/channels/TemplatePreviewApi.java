package io.beacon.contracts.api.channels;

import io.beacon.contracts.api.ApiProblem;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.PostExchange;

/**
 * A channel service's preview of its templates for a sample customer (every sender serves it): nothing is sent and
 * nothing about a real customer is read.
 */
public interface TemplatePreviewApi {

    /**
     * {@code POST /api/templates/preview}.
     *
     * @throws ApiProblem.Invalid naming the field that is wrong: {@code /productCode} (none, or without a template on this
     *                            channel), {@code /template}, {@code /locale}, {@code /variant}
     */
    @PostExchange("/api/templates/preview")
    RenderedTemplate preview(@RequestBody TemplatePreviewRequest request);
}
