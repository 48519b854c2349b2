package io.beacon.console;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The latest outcomes the journeys page refreshes from (console.js), and a customer's; the funnel is {@link FunnelController}. */
@RestController
class DashboardController {

    static final int MAX_LIMIT = 500;

    private final OutcomeStore store;

    DashboardController(OutcomeStore store) {
        this.store = store;
    }

    /** @param customerId absent for everyone's latest outcomes, present for one customer's timeline */
    @GetMapping("/api/outcomes")
    List<OutcomeView> outcomes(@RequestParam(required = false) String customerId,
                               @RequestParam(defaultValue = "50") int limit) {
        String customer = customerId == null || customerId.isBlank() ? null : customerId;
        return store.latest(customer, Math.clamp(limit, 1, MAX_LIMIT));
    }
}
