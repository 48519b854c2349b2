package io.beacon.delivery;

/**
 * The send cannot finish now and must not be dropped: the worker fails the job with one retry less and a back-off,
 * so Zeebe tries again later and raises an incident when the retries run out.
 */
public class DeliveryDeferredException extends RuntimeException {

    public DeliveryDeferredException(String message, Throwable cause) {
        super(message, cause);
    }
}
