package io.beacon.console;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The two JSON APIs the journeys page refreshes its funnels and latest outcomes from (console.js). */
@RestController
class DashboardController {

    static final int MAX_LIMIT = 500;

    private final OutcomeStore store;

    DashboardController(OutcomeStore store) {
        this.store = store;
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
