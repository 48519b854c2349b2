package io.beacon.contracts.api.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What the customer switched in the app; at least one of the two.
 *
 * @param marketing channel ({@code sms}, {@code push}, {@code email}) to on or off; null or empty to leave marketing as it is
 * @param profiling false refuses profiling (PIPL Art. 24: generic offers only), true allows it; null to leave it as it is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreferencesChange(Map<String, Boolean> marketing, Boolean profiling) {
}
