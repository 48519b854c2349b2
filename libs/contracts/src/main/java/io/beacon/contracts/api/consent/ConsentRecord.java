package io.beacon.contracts.api.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A customer's consents now, per channel and purpose. A channel or purpose nothing was ever recorded for is left out:
 * no record means no consent.
 *
 * @param customerId the customer ({@code _id} on the wire, as the ledger keeps it)
 * @param objected   the customer objected to direct marketing on every channel (GDPR Art. 21), which stops profiling too
 * @param updatedAt  when the last change was recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentRecord(@JsonProperty("_id") String customerId, ChannelConsents sms, ChannelConsents push, ChannelConsents email,
                            Boolean objected, Instant updatedAt) {

    /** One channel's consents; a purpose nothing was recorded for is null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelConsents(PurposeConsent marketing, PurposeConsent profiling) {
    }

    /**
     * @param legalBasis CONSENT or SOFT_OPT_IN
     * @param source     who or what recorded it ({@code /console by rm-alice}, {@code /sms/STOP}, a bank system's source)
     * @param at         when the change happened
     */
    public record PurposeConsent(boolean granted, String legalBasis, String source, Instant at) {
    }
}
