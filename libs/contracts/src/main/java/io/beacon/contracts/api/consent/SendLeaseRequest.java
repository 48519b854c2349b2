package io.beacon.contracts.api.consent;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * @param channel sms, push or email
 * @param purpose marketing (the only purpose a send is for); null reads as marketing
 * @param key     the send's idempotency key, for the record
 * @param contactToken the blind index of the contact point the send goes to: the lease is refused
 *                SUPPRESSED_CONTACT_POINT when it belonged to an erased person (ADR 0030); null when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendLeaseRequest(String channel, String purpose, String key, String contactToken) {

    public SendLeaseRequest(String channel, String purpose, String key) {
        this(channel, purpose, key, null);
    }
}
