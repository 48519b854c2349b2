package io.beacon.platform;

import static io.beacon.platform.ServiceApiTesting.authorization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.Json;
import java.net.URI;
import java.util.List;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The platform's filter chain in a real Spring Boot service over HTTP: what a caller without credentials, with a wrong
 * password or of an unknown name gets, what stays open, and what the audit line says.
 */
@SpringBootTest(classes = ServiceApiSecurityTest.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=sample", "beacon.mongo.database=sample", "beacon.zeebe.enabled=false",
                "beacon.security.public-paths=/webhooks/**"})
@ExtendWith(OutputCaptureExtension.class)
class ServiceApiSecurityTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Api.class)
    static class Service {
    }

    @RestController
    static class Api {
        @PostMapping("/api/things")
        Map<String, Object> create(Authentication caller) {
            return Map.of("caller", caller.getName(), "roles", caller.getAuthorities().stream().map(Object::toString).sorted().toList());
        }

        @GetMapping("/api/things")
        Map<String, Object> list(Principal caller) {
            return Map.of("caller", caller.getName());
        }

        @PostMapping("/api/things/refused")
        void refused() {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "already there");
        }

        @GetMapping("/page")
        String page() {
            return "page";
        }

        @PostMapping("/webhooks/ping")
        String ping() {
            return "pong";
        }

        @PostMapping("/webhooks/forged")
        void forged() {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "bad signature");
        }
    }

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("beacon.mongo.uri", () -> MONGO_URI);
    }

    @AfterAll
    static void stopMongo() {
        MONGO.shutdownNow();
    }

    @LocalServerPort
    int port;

    @Test
    void anAnonymousCallIsRefusedWithAProblemThatSaysWhatIsMissing(CapturedOutput log) throws Exception {
        var response = send("POST", "/api/things", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic realm=\"beacon\""));
        assertThat(response.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
        JsonNode problem = Json.mapper().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(problem.get("detail").asText()).contains("HTTP Basic", "None were sent");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/things");
        assertThat(log.getOut()).contains("refused POST /api/things from 127.0.0.1: no credentials");
    }

    @Test
    void readsNeedACallerToo() throws Exception {
        assertThat(send("GET", "/api/things", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/nowhere", null).statusCode()).as("anything not declared public").isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRefusedAndTheAuditLineHoldsNoSecret(CapturedOutput log) throws Exception {
        var response = send("POST", "/api/things", authorization("consent", "guessed-password-1"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(response.body()).get("detail").asText()).contains("refused");
        assertThat(log.getOut()).contains("refused POST /api/things from 127.0.0.1: wrong password for caller 'consent'")
                .doesNotContain("guessed-password-1");
    }

    @Test
    void anUnknownCallerIsRefused(CapturedOutput log) throws Exception {
        assertThat(send("POST", "/api/things", authorization("mallory", "dev-mallory-password")).statusCode()).isEqualTo(401);
        assertThat(log.getOut()).contains("unknown caller 'mallory'");
    }

    @Test
    void anotherSchemeThanBasicIsRefusedSayingSo() throws Exception {
        var response = send("POST", "/api/things", "Bearer abc.def.ghi");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(response.body()).get("detail").asText()).contains("another scheme");
    }

    @Test
    void theRightCallerIsAcceptedWithItsRoles() throws Exception {
        var response = send("POST", "/api/things", authorization("sms", "dev-sms-password"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.get("caller").asText()).isEqualTo("sms");
        assertThat(body.get("roles").toString()).isEqualTo("[\"ROLE_CHANNEL\",\"ROLE_SERVICE\"]");
        assertThat(response.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
    }

    @Test
    void aKnownPasswordIsAcceptedAgainAndAWrongOneAfterItStillRefused() throws Exception {
        assertThat(send("GET", "/api/things", authorization("email", "dev-email-password")).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/things", authorization("email", "dev-email-password")).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/things", authorization("email", "dev-email-passwordX")).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/things", authorization("push", "dev-email-password")).statusCode()).isEqualTo(401);
    }

    @Test
    void anAcceptedCallKeepsItsOwnErrorStatus() throws Exception {
        var response = send("POST", "/api/things/refused", authorization("console", "dev-console-password"));

        assertThat(response.statusCode()).isEqualTo(409);
    }

    @Test
    void probesAndPublicPathsNeedNoCredentialsAndKeepTheirOwnChecks() throws Exception {
        assertThat(send("GET", "/actuator/health", null).statusCode()).isNotEqualTo(401);
        assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isNotEqualTo(401);
        assertThat(send("GET", "/actuator/info", null).statusCode()).isEqualTo(200);
        var ping = send("POST", "/webhooks/ping", null);
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("pong");
        assertThat(send("POST", "/webhooks/forged", null).statusCode()).as("the webhook's own refusal").isEqualTo(403);
    }

    @Test
    void theErasureEndpointOfEveryServiceNeedsACallerWithTheErasureRole(CapturedOutput log) throws Exception {
        assertThat(send("POST", "/internal/customers/C-1/erasure", null).statusCode()).isEqualTo(401);

        // authenticated, but not consent: the bank's systems and the other services cannot erase a customer
        for (String caller : List.of("bank-core", "console", "decisioning", "sms")) {
            var refused = send("POST", "/internal/customers/C-1/erasure", authorization(caller, "dev-" + caller + "-password"));
            assertThat(refused.statusCode()).as(caller).isEqualTo(403);
            assertThat(Json.mapper().readTree(refused.body()).get("detail").asText()).contains("Caller '" + caller + "'", "lacks the role");
            assertThat(log.getOut()).contains("refused POST /internal/customers/C-1/erasure from 127.0.0.1: caller '" + caller + "' lacks the role");
        }

        var response = send("POST", "/internal/customers/C-1/erasure", authorization("consent", "dev-consent-password"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.body()).get("service").asText()).isEqualTo("sample");
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
