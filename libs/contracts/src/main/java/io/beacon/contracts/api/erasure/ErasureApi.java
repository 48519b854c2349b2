package io.beacon.contracts.api.erasure;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Every service's part of an erasure (GDPR Art. 17), called by the consent service, which orchestrates it. Idempotent:
 * a second call finds nothing and says so.
 */
public interface ErasureApi {

    /** {@code POST /internal/customers/{customerId}/erasure}: erases what the service keeps of the customer and says what. */
    @PostExchange("/internal/customers/{customerId}/erasure")
    ErasureReport erase(@PathVariable("customerId") String customerId);
}
