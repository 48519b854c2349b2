package io.beacon.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/** One way to build the outgoing HTTP clients, so none of them can be left without timeouts. */
public final class HttpClients {

    private HttpClients() {
    }

    /**
     * The wait a 429 or 503 asks for: {@code Retry-After} in seconds or as an HTTP date; null when absent or
     * unreadable (the configured back-off applies).
     */
    public static Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /**
     * A 504 Gateway Timeout: a gateway in front of the provider stopped waiting for it, after the request had reached
     * it, so the provider may have created the message. Unlike the provider's own 5xx (it did not create the message,
     * retried), a send that gets it is an unknown outcome (ADR 0036).
     */
    public static boolean gatewayTimedOut(org.springframework.http.HttpStatusCode status) {
        return status.value() == 504;
    }

    /**
     * A client of a provider's API (Twilio, FCM, its token endpoint): timeouts, and never Beacon's own credentials.
     * Beacon's services are called through {@link io.beacon.platform.ServiceClients}, which sends them.
     */
    public static RestClient restClient(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        return io.beacon.platform.ServiceClients.withoutCredentials(baseUrl, connectTimeout, readTimeout);
    }
}
