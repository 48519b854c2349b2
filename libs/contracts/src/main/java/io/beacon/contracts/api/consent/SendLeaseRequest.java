package io.beacon.contracts.api.consent;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * @param channel sms, push or email
 * @param purpose marketing (the only purpose a send is for); null reads as marketing
 * @param key     the send's idempotency key, for the record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendLeaseRequest(String channel, String purpose, String key) {
}
