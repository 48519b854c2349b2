package io.beacon.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.api.ApiProblem;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds the typed clients of Beacon's service APIs, each the same way: the {@code @HttpExchange} interface of
 * {@code io.beacon.contracts.api} over a {@link RestClient} that sends this service's credentials (ADR 0014), and
 * <ul>
 *   <li>answers a refusal with the problem the service sent, typed ({@link ApiProblem.NotFound},
 *   {@link ApiProblem.Invalid}, {@link ApiProblem.Unavailable});</li>
 *   <li>turns a time-out or a lost connection into {@link ApiProblem.Unavailable}, after two more tries when the call is
 *   idempotent (GET, PUT, DELETE);</li>
 *   <li>stops calling a service that keeps failing (a Resilience4j circuit breaker per API and address: open after half
 *   of the last 20 calls failed, for 10 s), answering {@link ApiProblem.Unavailable} at once meanwhile.</li>
 * </ul>
 */
final class ServiceApis {

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE);

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowSize(20)
            .minimumNumberOfCalls(10)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(10))
            .recordExceptions(IOException.class)
            .recordResult(result -> result instanceof ClientHttpResponse response && status(response) >= 500)
            .build());
    private final RetryConfig retries = RetryConfig.custom()
            .maxAttempts(3)
            .waitDuration(Duration.ofMillis(200))
            .retryExceptions(IOException.class)
            .build();

    <T> T client(Class<T> api, URI baseUrl, RestClient.Builder builder) {
        String name = api.getSimpleName() + "@" + baseUrl.getAuthority();
        CircuitBreaker breaker = breakers.circuitBreaker(name);
        Retry retry = Retry.of(name, retries);
        RestClient client = builder
                .requestInterceptor((request, body, execution) -> guarded(name, breaker, retry, request, body, execution))
                .defaultStatusHandler(status -> status.isError(), (request, response) -> {
                    throw problem(name, request, response);
                })
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build().createClient(api);
    }

    private static ClientHttpResponse guarded(String name, CircuitBreaker breaker, Retry retry, HttpRequest request, byte[] body,
                                              ClientHttpRequestExecution execution) {
        var call = CircuitBreaker.decorateCheckedSupplier(breaker, () -> execution.execute(request, body));
        if (IDEMPOTENT.contains(request.getMethod())) {
            call = Retry.decorateCheckedSupplier(retry, call);
        }
        try {
            return call.get();
        } catch (CallNotPermittedException open) {
            throw new ApiProblem.Unavailable(name + " is failing: its circuit is open, " + request.getMethod() + " "
                    + request.getURI().getPath() + " was not sent", open);
        } catch (IOException e) {
            throw new ApiProblem.Unavailable(name + " did not answer " + request.getMethod() + " " + request.getURI().getPath()
                    + ": " + e, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The problem a service answered, typed; a body that is not a problem still gives its status and a readable detail. */
    static ApiProblem problem(String name, HttpRequest request, ClientHttpResponse response) throws IOException {
        int status = status(response);
        byte[] body = response.getBody().readAllBytes();
        JsonNode json = null;
        try {
            json = body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException notJson) {
            // the detail below says what came back instead
        }
        String call = request.getMethod() + " " + request.getURI().getPath();
        String detail = json != null && json.hasNonNull("detail") ? json.get("detail").asText()
                : name + " answered " + status + " to " + call + (body.length == 0 ? "" : " (" + body.length + " bytes that are not a problem)");
        if (status == 404) {
            return new ApiProblem.NotFound(detail);
        }
        if (status >= 500) {
            return new ApiProblem.Unavailable(status, detail, null);
        }
        var errors = new ArrayList<ApiProblem.FieldError>();
        if (json != null) {
            for (JsonNode error : json.path("errors")) {
                errors.add(new ApiProblem.FieldError(error.path("field").asText(null), error.path("message").asText(null)));
            }
        }
        URI type = json != null && json.hasNonNull("type") ? URI.create(json.get("type").asText()) : null;
        String title = json != null && json.hasNonNull("title") ? json.get("title").asText() : response.getStatusText();
        return new ApiProblem.Invalid(status, type, title, detail, errors);
    }

    private static int status(ClientHttpResponse response) {
        try {
            return response.getStatusCode().value();
        } catch (IOException e) {
            return 599;
        }
    }
}
