package io.beacon.contracts.api.consent;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.beacon.contracts.ReasonCode;
import java.time.Instant;

/**
 * A send lease, or the refusal that takes its place.
 *
 * @param allowed whether the send may go ahead
 * @param reason  why not, when not allowed; read as {@link ConsentDecision} reads it (NO_CONSENT when missing or unknown);
 *                null when allowed
 * @param lease   the lease's id, to give back; null when not allowed
 * @param until   when the lease runs out if it is never given back; null when not allowed
 */
public record SendLease(@JsonSetter(nulls = Nulls.AS_EMPTY) boolean allowed,
                        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) ReasonCode reason,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String lease,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Instant until) {

    public SendLease {
        reason = new ConsentDecision(allowed, reason).reason();
    }
}
