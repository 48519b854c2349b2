package io.beacon.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** One way to build the outgoing HTTP clients, so none of them can be left without timeouts. */
public final class HttpClients {

    private HttpClients() {
    }

    public static RestClient restClient(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        var http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // HTTP/1.1: the simulators and WireMock speak it, and h2c upgrade attempts only add a round trip.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        return RestClient.builder().baseUrl(baseUrl.toString()).requestFactory(factory).build();
    }
}
