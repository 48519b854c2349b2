package io.beacon.contracts.api.consent;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A consent change recorded by a person or system.
 *
 * @param channel    sms, push, email or all
 * @param purpose    marketing or profiling
 * @param status     GRANTED or WITHDRAWN
 * @param legalBasis CONSENT or SOFT_OPT_IN; null reads as CONSENT
 * @param source     who or what records the change ({@code /console}, {@code /app/preferences}, {@code /sms/STOP}); required
 * @param actor      the person acting, recorded with the source ({@code /console by rm-alice}); null for a system
 * @param reason     why, in the actor's words; null when none was given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentChangeRequest(String channel, String purpose, String status, String legalBasis, String source, String actor,
                                   String reason) {
}
