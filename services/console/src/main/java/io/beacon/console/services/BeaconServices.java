package io.beacon.console.services;

import com.fasterxml.jackson.core.type.TypeReference;
import io.beacon.console.ConsoleProperties;
import io.beacon.contracts.Json;
import io.beacon.platform.ServiceClients;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The Beacon services the console reads from and writes to, over their HTTP APIs. Answers come back as plain maps
 * and lists (what the pages show), never as the services' own types: the console depends on their contracts only.
 */
public class BeaconServices {

    /** A service did not answer as it should; the page says which one. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String service, Throwable cause) {
            super("the " + service + " service did not answer: " + cause.getMessage(), cause);
        }
    }

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> ARRAY = new TypeReference<>() {
    };

    private final Map<String, RestClient> clients = new LinkedHashMap<>();

    private final ConsoleProperties properties;
    private final ServiceClients serviceClients;

    /** Every call goes as the console's own caller account (ADR 0014). */
    public BeaconServices(ConsoleProperties properties, ServiceClients serviceClients) {
        this(properties, serviceClients, properties.timeout());
    }

    private BeaconServices(ConsoleProperties properties, ServiceClients serviceClients, java.time.Duration answerTimeout) {
        this.properties = properties;
        this.serviceClients = serviceClients;
        properties.services().forEach((name, url) -> clients.put(name, serviceClients.restClient(url, properties.timeout(), answerTimeout)));
    }

    /** The same services, waited for longer: for a call that works for a while (a shadow replay). */
    public BeaconServices patient(java.time.Duration answerTimeout) {
        return new BeaconServices(properties, serviceClients, answerTimeout);
    }

    /** A JSON object, or empty on 404. */
    public Optional<Map<String, Object>> object(String service, String uri, Object... variables) {
        return get(service, uri, variables).map(body -> read(service, body, OBJECT));
    }

    /** A JSON object, or empty on 404; the URI template's variables by name. */
    public Optional<Map<String, Object>> object(String service, String uri, Map<String, ?> variables) {
        return get(service, spec -> spec.uri(uri, variables)).map(body -> read(service, body, OBJECT));
    }

    /** A JSON array, or an empty list on 404; the URI template's variables by name. */
    public List<Map<String, Object>> array(String service, String uri, Map<String, ?> variables) {
        return get(service, spec -> spec.uri(uri, variables)).map(body -> read(service, body, ARRAY)).orElse(List.of());
    }

    /** A JSON array, or an empty list on 404. */
    public List<Map<String, Object>> array(String service, String uri, Object... variables) {
        return get(service, uri, variables).map(body -> read(service, body, ARRAY)).orElse(List.of());
    }

    /**
     * Sends a JSON body (none when body is null); the answer whatever its status (a 4xx carries the service's own
     * explanation).
     */
    public Answer send(String service, String method, String uri, Object body, Object... variables) {
        try {
            var call = client(service).method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri, variables);
            if (body != null) {
                call.contentType(MediaType.APPLICATION_JSON).body(Json.mapper().writeValueAsBytes(body));
            }
            return call
                    .exchange((request, response) -> new Answer(response.getStatusCode(),
                            response.getBody().readAllBytes()));
        } catch (RestClientException | IOException e) {
            throw new Unavailable(service, e);
        }
    }

    /** A service's answer to a write. */
    public record Answer(HttpStatusCode status, byte[] body) {
        public Map<String, Object> json() {
            try {
                return body.length == 0 ? Map.of() : Json.mapper().readValue(body, OBJECT);
            } catch (IOException e) {
                return Map.of("message", "an answer that is not JSON (" + body.length + " bytes)");
            }
        }
    }


    /** A time in an answer: epoch milliseconds, an ISO 8601 instant or offset date-time, or an extended-JSON {$date}. */
    public static java.time.Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number millis) {
            return java.time.Instant.ofEpochMilli(millis.longValue());
        }
        if (value instanceof Map<?, ?> date && date.get("$date") != null) {
            return instant(date.get("$date"));
        }
        return java.time.OffsetDateTime.parse(value.toString()).toInstant();
    }

    private Optional<byte[]> get(String service, String uri, Object... variables) {
        return get(service, spec -> spec.uri(uri, variables));
    }

    private Optional<byte[]> get(String service,
                                 java.util.function.Function<RestClient.RequestHeadersUriSpec<?>, RestClient.RequestHeadersSpec<?>> uri) {
        try {
            return Optional.ofNullable(uri.apply(client(service).get()).retrieve().body(byte[].class));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        } catch (RestClientException e) {
            throw new Unavailable(service, e);
        }
    }

    private static <T> T read(String service, byte[] body, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(body, type);
        } catch (IOException e) {
            throw new Unavailable(service, e);
        }
    }

    private RestClient client(String service) {
        RestClient client = clients.get(service);
        if (client == null) {
            throw new IllegalStateException("beacon.console.services." + service + " is not configured");
        }
        return client;
    }
}
