package io.beacon.infra.local;

/** Raised when the local infrastructure cannot come up; the message is meant for a person. */
public class InfraStartupException extends RuntimeException {

    public InfraStartupException(String message) {
        super(message);
    }

    public InfraStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
