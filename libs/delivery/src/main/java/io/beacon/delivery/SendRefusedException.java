package io.beacon.delivery;

import io.beacon.contracts.ReasonCode;

/**
 * The consent service refused the send lease taken right before a provider attempt: the customer withdrew between the
 * first consent check and the call. Nothing was sent; the send ends SUPPRESSED with the consent service's reason.
 * Never retried, never counted against the provider.
 */
public class SendRefusedException extends RuntimeException {

    private final ReasonCode reason;

    public SendRefusedException(ReasonCode reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ReasonCode reason() {
        return reason;
    }
}
