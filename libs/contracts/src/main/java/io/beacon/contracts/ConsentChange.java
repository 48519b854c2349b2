package io.beacon.contracts;

import java.time.Instant;

/**
 * A consent change as recorded by the consent service, published on {@link Topics#CONSENT_CHANGES}.
 *
 * @param channel sms, push, email or all
 * @param purpose marketing or profiling
 * @param granted false for a withdrawal or objection
 */
public record ConsentChange(String customerId, String channel, String purpose, boolean granted, String source, Instant at) {

    public static final String WITHDRAWN_TYPE = "beacon.consent.withdrawn";
    public static final String GRANTED_TYPE = "beacon.consent.granted";

    public String cloudEventType() {
        return granted ? GRANTED_TYPE : WITHDRAWN_TYPE;
    }
}
