package io.beacon.contracts.api.channels;

import java.util.List;
import org.springframework.web.service.annotation.GetExchange;

/** A channel service's provider guards as they stand: marketing ops see a provider failing before the funnel shows it. */
public interface ChannelHealthApi {

    /** {@code GET /api/channel-health}: each provider guard's circuit breaker and rate limiter, by name. */
    @GetExchange("/api/channel-health")
    List<ProviderHealth> providers();
}
