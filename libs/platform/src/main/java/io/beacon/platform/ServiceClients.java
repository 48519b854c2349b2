package io.beacon.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * How a Beacon service calls another: its typed API (an {@code @HttpExchange} interface of {@code io.beacon.contracts.api}) over a {@link RestClient} with timeouts that sends this service's own account
 * ({@code beacon.security.client}, from {@code BEACON_SERVICE_USER} / {@code BEACON_SERVICE_PASSWORD}) as HTTP Basic
 * on every request (ADR 0014). A bean of every service:
 *
 * <pre>{@code
 * ProfilesApi profiles = serviceClients.api(ProfilesApi.class, URI.create("http://profiles:8081"));
 * }</pre>
 *
 * Only for Beacon's own services: a provider (Twilio, FCM) gets {@link #withoutCredentials}, never Beacon's account.
 */
public final class ServiceClients {

    /** Beacon-to-Beacon calls answer in milliseconds; a read waits at most this long unless the caller says otherwise. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final String username;
    private final String password;
    private final ServiceApis apis = new ServiceApis();

    public ServiceClients(String username, String password) {
        this.username = username;
        this.password = password;
    }

    static ServiceClients from(ServiceSecurityProperties.Client client) {
        return new ServiceClients(client.username(), client.password());
    }

    /** The caller name this service sends. */
    public String username() {
        return username;
    }

    /** A client of another Beacon service at {@code baseUrl}, sending this service's credentials. */
    private RestClient restClient(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        if (username == null || username.isBlank() || password == null || password.isBlank()) {
            throw new IllegalStateException("beacon.security.client.username and .password (BEACON_SERVICE_USER, "
                    + "BEACON_SERVICE_PASSWORD) must be set for this service to call " + baseUrl);
        }
        return builder(baseUrl, connectTimeout, readTimeout)
                .defaultHeaders(headers -> headers.setBasicAuth(username, password, StandardCharsets.UTF_8))
                .build();
    }

    /**
     * A typed client of another Beacon service's API (an {@code @HttpExchange} interface of {@code io.beacon.contracts.api}),
     * with default timeouts: see {@link ServiceApis}.
     */
    public <T> T api(Class<T> api, URI baseUrl) {
        return api(api, baseUrl, READ_TIMEOUT);
    }

    /** The same, waiting up to {@code readTimeout} for an answer (a call that works for a while, such as a replay). */
    public <T> T api(Class<T> api, URI baseUrl, Duration readTimeout) {
        return apis.client(api, baseUrl, restClient(baseUrl, CONNECT_TIMEOUT, readTimeout).mutate());
    }

    /** A client of anything else (a provider's API): timeouts, no Beacon credentials. */
    public static RestClient withoutCredentials(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        return builder(baseUrl, connectTimeout, readTimeout).build();
    }

    private static RestClient.Builder builder(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        var http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // HTTP/1.1: the simulators and WireMock speak it, and h2c upgrade attempts only add a round trip.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        return RestClient.builder().baseUrl(baseUrl.toString()).requestFactory(factory);
    }

    @Override
    public String toString() {
        return "ServiceClients[" + username + "]";
    }
}
