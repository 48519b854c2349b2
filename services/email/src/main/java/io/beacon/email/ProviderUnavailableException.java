package io.beacon.email;

/** The SMTP relay could not take the message now (4xx, timeout, connection refused): worth retrying. */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
