package io.beacon.email;

import io.beacon.contracts.ReasonCode;

/** The SMTP relay refused this message for good (a 5xx on the recipient, say): retrying would get the same answer. */
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
