package io.beacon.delivery;

/**
 * The provider could not take the message now (429, 5xx, an SMTP 4xx, a refused access token, timeout, connection
 * refused): worth retrying.
 */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
