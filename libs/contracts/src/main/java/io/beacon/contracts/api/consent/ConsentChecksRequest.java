package io.beacon.contracts.api.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * @param customerIds 1 to 1,000 customer ids; a repeated id is answered once
 * @param purpose     marketing or profiling; null reads as marketing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentChecksRequest(List<String> customerIds, String purpose) {
}
