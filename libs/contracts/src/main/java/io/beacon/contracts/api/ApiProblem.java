package io.beacon.contracts.api;

import java.net.URI;
import java.util.List;

/**
 * A service API's refusal or failure, the same type on both sides of the call: a controller throws it and the caller
 * receives it again, typed, from {@code ServiceClients}. On the wire it is {@code application/problem+json} (RFC 9457)
 * with {@code type}, {@code title}, {@code status}, {@code detail} and, for bad input, {@code errors}: one entry per
 * field that is wrong.
 *
 * <ul>
 *   <li>{@link NotFound} (404): no such customer, decision, campaign;</li>
 *   <li>{@link Invalid} (400, and any other 4xx): the request was wrong and nothing was changed; its errors say where;</li>
 *   <li>{@link Unavailable} (5xx, a time-out, a refused connection, an open circuit): try again later.</li>
 * </ul>
 */
public abstract sealed class ApiProblem extends RuntimeException permits ApiProblem.NotFound, ApiProblem.Invalid, ApiProblem.Unavailable {

    /** One wrong field: a JSON pointer ({@code /phone}) or a parameter name ({@code from}), and what it must be. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final URI type;
    private final String title;
    private final List<FieldError> errors;

    private ApiProblem(int status, URI type, String title, String detail, List<FieldError> errors, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.type = type == null ? URI.create("about:blank") : type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** What the problem says, for a person. */
    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** There is no such thing. */
    public static final class NotFound extends ApiProblem {
        public NotFound(String detail) {
            this(null, detail);
        }

        /** With the problem type the service names this kind of missing thing by (an unknown customer, say). */
        public NotFound(URI type, String detail) {
            super(404, type, "Not Found", detail, List.of(), null);
        }
    }

    /** The request was wrong; nothing was changed. */
    public static final class Invalid extends ApiProblem {
        public Invalid(int status, URI type, String title, String detail, List<FieldError> errors) {
            super(status, type, title, detail, errors, null);
        }

        /** 400 with the fields that are wrong. */
        public Invalid(URI type, String detail, List<FieldError> errors) {
            this(400, type, "Bad Request", detail, errors);
        }

        /** 400 with one wrong field. */
        public static Invalid field(String field, String message) {
            return new Invalid(URI.create("https://beacon.example/problems/invalid-request"), field + ": " + message,
                    List.of(new FieldError(field, message)));
        }
    }

    /** The service could not answer now (down, overloaded, timed out, or its circuit is open); the call may be retried. */
    public static final class Unavailable extends ApiProblem {
        public Unavailable(int status, String detail, Throwable cause) {
            super(status, null, "Service Unavailable", detail, List.of(), cause);
        }

        public Unavailable(String detail, Throwable cause) {
            this(503, detail, cause);
        }
    }
}
