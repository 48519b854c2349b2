package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceClientsTest {

    private HttpServer server;
    private final List<String> authorizations = new ArrayList<>();
    private URI url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Two calls of another service, as a typed API. */
    interface SomeApi {
        @org.springframework.web.service.annotation.PostExchange("/internal/customers/{id}/erasure")
        void erase(@org.springframework.web.bind.annotation.PathVariable String id);

        @org.springframework.web.service.annotation.GetExchange("/api/profiles/{id}")
        void profile(@org.springframework.web.bind.annotation.PathVariable String id);
    }

    @Test
    void aBeaconClientSendsThisServicesAccountOnEveryCall() {
        var client = new ServiceClients("consent", "s3cret-é").api(SomeApi.class, url);

        client.erase("C-1");
        client.profile("C-1");

        String expected = "Basic " + Base64.getEncoder().encodeToString("consent:s3cret-é".getBytes(StandardCharsets.UTF_8));
        assertThat(authorizations).containsExactly(expected, expected);
    }

    @Test
    void aProvidersClientSendsNoBeaconCredentials() {
        ServiceClients.withoutCredentials(url, Duration.ofSeconds(1), Duration.ofSeconds(1)).get().uri("/").retrieve().toBodilessEntity();

        assertThat(authorizations).containsExactly("null");
    }

    @Test
    void withoutAPasswordNoClientIsMadeAndTheMessageSaysWhatToSet() {
        assertThatThrownBy(() -> new ServiceClients("consent", " ").api(SomeApi.class, url))
                .hasMessageContaining("BEACON_SERVICE_PASSWORD");
    }
}
