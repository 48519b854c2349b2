package io.beacon.contracts.api.decisioning;

import io.beacon.contracts.api.ApiProblem;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/** Why was this customer offered this product? Decisioning's decision records and suitability evidence, for the console and compliance. */
public interface DecisionsApi {

    /**
     * {@code GET /api/decisions/{id}}: one decision record.
     *
     * @throws ApiProblem.NotFound when no decision has this id
     */
    @GetExchange("/api/decisions/{id}")
    DecisionRecord decision(@PathVariable("id") String id);

    /**
     * {@code GET /api/decisions}: one customer's decisions (oldest first) and suitability evidence; with productCode,
     * from or to, a search, newest first, at most {@code limit}: by customer, product (the winner), time of decision.
     *
     * @param customerId  a customer, or null for a search by time
     * @param productCode the winning product, or null
     * @param from        an ISO 8601 instant, inclusive, or null; required without a customer
     * @param to          an ISO 8601 instant, exclusive, or null
     * @param limit       at most this many decisions (1-1000); null for 200
     * @throws ApiProblem.Invalid naming each parameter that is wrong (a time that does not parse, neither customer nor from)
     */
    @GetExchange("/api/decisions")
    DecisionSearch decisions(@RequestParam(name = "customerId", required = false) String customerId,
                             @RequestParam(name = "productCode", required = false) String productCode,
                             @RequestParam(name = "from", required = false) String from,
                             @RequestParam(name = "to", required = false) String to,
                             @RequestParam(name = "limit", required = false) Integer limit);
}
