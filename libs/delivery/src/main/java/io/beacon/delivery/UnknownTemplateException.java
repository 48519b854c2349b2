package io.beacon.delivery;

/** A journey step's {@code template} header names a template the channel's content does not have: an incident, never a fallback. */
public class UnknownTemplateException extends IllegalArgumentException {

    public UnknownTemplateException(String message) {
        super(message);
    }
}
