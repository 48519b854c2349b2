package io.beacon.console;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard page and the two JSON APIs it refreshes from. */
@RestController
class DashboardController {

    static final int MAX_LIMIT = 500;

    /**
     * 'self' only: the browser itself refuses any script, style or fetch from elsewhere, so "no CDN" holds even
     * if someone later edits the page carelessly.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final OutcomeStore store;

    DashboardController(OutcomeStore store) {
        this.store = store;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        String html = DashboardPage.render(JourneyFunnel.of(store.funnel()), store.latest(null, DashboardPage.LATEST));
        return ResponseEntity.ok()
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(html);
    }

    @GetMapping("/api/funnel")
    List<FunnelCount> funnel() {
        return store.funnel();
    }

    /** @param customerId absent for everyone's latest outcomes, present for one customer's timeline */
    @GetMapping("/api/outcomes")
    List<OutcomeView> outcomes(@RequestParam(required = false) String customerId,
                               @RequestParam(defaultValue = "50") int limit) {
        String customer = customerId == null || customerId.isBlank() ? null : customerId;
        return store.latest(customer, Math.clamp(limit, 1, MAX_LIMIT));
    }
}
