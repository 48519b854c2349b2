package io.beacon.contracts.api.consent;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.beacon.contracts.ReasonCode;

/**
 * The consent service's answer for one customer, channel and purpose.
 *
 * <p>A refusal whose reason is missing, or one this Beacon does not know (a newer consent service's), reads as
 * {@link ReasonCode#NO_CONSENT}: nothing may be sent without consent, and every caller reads it the same way, here.
 *
 * @param allowed whether Beacon may contact the customer on the channel for the purpose now; false when absent
 * @param reason  why not (NO_CONSENT: never granted; OPTED_OUT: withdrawn or objected to); null when allowed
 */
public record ConsentDecision(@JsonSetter(nulls = Nulls.AS_EMPTY) boolean allowed,
                              @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) ReasonCode reason) {

    public ConsentDecision {
        if (allowed) {
            reason = null;
        } else if (reason == null) {
            reason = ReasonCode.NO_CONSENT;
        }
    }
}
