package io.beacon.sms;

import io.beacon.delivery.ContentApi;
import io.beacon.delivery.LiveTemplates;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/templates} and {@code POST /api/templates/check} for the SMS content (ADR 0027). */
@RestController
class ContentController extends ContentApi {

    ContentController(LiveTemplates templates) {
        super(templates);
    }
}
