package io.beacon.push;

/** The provider could not take the message now (401, 429, 5xx, timeout, connection refused): worth retrying. */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
