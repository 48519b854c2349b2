package io.beacon.delivery;

import io.beacon.contracts.ReasonCode;

/**
 * The provider refused this message for good (an invalid number, a 5xx from the SMTP relay on the recipient, an
 * unregistered device token, say): retrying would get the same answer.
 */
public class ProviderRejectedException extends RuntimeException {

    private final ReasonCode reason;

    public ProviderRejectedException(ReasonCode reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ReasonCode reason() {
        return reason;
    }
}
