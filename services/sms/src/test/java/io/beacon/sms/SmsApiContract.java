package io.beacon.sms;

import io.beacon.delivery.InMemoryMongo;
import io.beacon.platform.ServiceApiTesting;
import io.beacon.platform.ServiceClients;
import java.net.URI;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SMS service as it runs (the repository's content folder, no Zeebe worker, nothing published), over HTTP, called
 * through the typed clients of the channel APIs as the console calls them. The contract tests share its context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "beacon.zeebe.enabled=false")
abstract class SmsApiContract {

    private static final InMemoryMongo mongo = new InMemoryMongo();

    @DynamicPropertySource
    static void ledgerInMemory(DynamicPropertyRegistry registry) {
        registry.add("beacon.mongo.uri", mongo::uri);
        // absolute: a web application would read a relative path against its servlet context
        registry.add("beacon.content.directory", () -> java.nio.file.Path.of("../../content").toAbsolutePath().normalize().toString());
    }

    @LocalServerPort
    int port;

    <T> T api(Class<T> api) {
        return new ServiceClients("console", ServiceApiTesting.developmentPassword("console")).api(api, URI.create("http://127.0.0.1:" + port));
    }
}
