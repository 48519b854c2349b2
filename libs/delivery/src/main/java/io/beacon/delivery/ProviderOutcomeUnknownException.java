package io.beacon.delivery;

/**
 * The request reached the provider but no usable answer came back (read timeout, connection reset after the request
 * was written, an unreadable 2xx body): the provider may or may not have taken the message. Never retried blindly;
 * {@link ExactlyOnceDelivery} asks the provider (where it can be asked) before anything is sent again (ADR 0011).
 */
public class ProviderOutcomeUnknownException extends RuntimeException {

    public ProviderOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
