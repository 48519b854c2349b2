package io.beacon.platform;

import static io.beacon.platform.ServiceApiTesting.authorization;
import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's case: {@code beacon.security.service-api.paths=/internal/**} leaves its other paths to a chain of its
 * own (here none), while the erasure that consent calls still needs a caller.
 */
@SpringBootTest(classes = ServiceApiSecurityTest.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=sample", "beacon.mongo.database=sample", "beacon.zeebe.enabled=false",
                "beacon.security.service-api.paths=/internal/**"})
class ServiceApiNarrowedTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
    void onlyTheNarrowedPathsNeedACaller() throws Exception {
        assertThat(send("/page", null).statusCode()).isEqualTo(200);
        assertThat(send("/internal/customers/C-1/erasure", null).statusCode()).isEqualTo(401);
        assertThat(send("/internal/customers/C-1/erasure", authorization("consent", "dev-consent-password")).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (path.startsWith("/internal")) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
