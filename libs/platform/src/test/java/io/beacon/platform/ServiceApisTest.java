package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.beacon.contracts.api.ApiProblem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The typed clients against a real HTTP server: answers, problems, lost connections, a failing service. */
class ServiceApisTest {

    record Greeting(String name, int times) {
    }

    interface GreetingApi {
        @GetExchange("/greetings/{name}")
        Greeting greeting(@PathVariable String name);

        @PostExchange("/greetings")
        Greeting create(@RequestBody Greeting greeting);
    }

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Handler handler;

    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            handler.handle(exchange);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private GreetingApi api() {
        return new ServiceClients("tester", "secret").api(GreetingApi.class, URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void answersAreTypedAndCarryTheCallersCredentials() {
        var authorization = new String[1];
        handler = exchange -> {
            authorization[0] = exchange.getRequestHeaders().getFirst("Authorization");
            answer(exchange, 200, "application/json", "{\"name\":\"Olive\",\"times\":3}");
        };

        assertThat(api().greeting("Olive")).isEqualTo(new Greeting("Olive", 3));
        assertThat(authorization[0]).isEqualTo("Basic dGVzdGVyOnNlY3JldA==");
    }

    @Test
    void aMissingThingIsNotFoundWithTheServicesOwnWords() {
        handler = exchange -> answer(exchange, 404, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no customer C-9\"}");

        assertThatThrownBy(() -> api().greeting("C-9")).isInstanceOf(ApiProblem.NotFound.class).hasMessage("no customer C-9");
    }

    @Test
    void badInputNamesTheFieldsThatAreWrong() {
        handler = exchange -> answer(exchange, 400, "application/problem+json",
                "{\"type\":\"https://beacon.example/problems/invalid-greeting\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"detail\":\"nothing was changed\",\"errors\":[{\"field\":\"/times\",\"message\":\"must be positive\"}]}");

        assertThatThrownBy(() -> api().create(new Greeting("Olive", -1)))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.type()).hasToString("https://beacon.example/problems/invalid-greeting");
                    assertThat(problem.errors()).containsExactly(new ApiProblem.FieldError("/times", "must be positive"));
                });
    }

    @Test
    void aLostConnectionIsTriedTwiceMoreForAReadAndNeverForAPost() {
        var failures = new AtomicInteger(2);
        handler = exchange -> {
            if (failures.getAndDecrement() > 0) {
                exchange.close(); // no answer at all: the client sees the connection end
                return;
            }
            answer(exchange, 200, "application/json", "{\"name\":\"Olive\",\"times\":1}");
        };

        assertThat(api().greeting("Olive").times()).isEqualTo(1);
        assertThat(calls).hasValue(3);

        calls.set(0);
        failures.set(1);
        assertThatThrownBy(() -> api().create(new Greeting("Olive", 1))).isInstanceOf(ApiProblem.Unavailable.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aServiceThatKeepsFailingIsNotCalledWhileItsCircuitIsOpen() {
        handler = exchange -> answer(exchange, 503, "application/problem+json", "{\"status\":503,\"detail\":\"overloaded\"}");
        GreetingApi api = api();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> api.create(new Greeting("Olive", 1))).isInstanceOf(ApiProblem.Unavailable.class).hasMessage("overloaded");
        }
        calls.set(0);

        assertThatThrownBy(() -> api.greeting("Olive")).isInstanceOf(ApiProblem.Unavailable.class).hasMessageContaining("circuit is open");
        assertThat(calls).hasValue(0);
    }
}
