package io.beacon.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.channels.TemplatePreviewApi;
import io.beacon.contracts.api.channels.TemplatePreviewRequest;
import io.beacon.delivery.InMemoryMongo;
import io.beacon.platform.ServiceApiTesting;
import io.beacon.platform.ServiceClients;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link TemplatePreviewApi} as push answers it (the notification's title, body and data), from the service as it
 * runs, over HTTP, through the typed client as the console calls it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "beacon.zeebe.enabled=false")
class TemplatePreviewApiContractTest {

    private static final InMemoryMongo mongo = new InMemoryMongo();

    @DynamicPropertySource
    static void ledgerInMemory(DynamicPropertyRegistry registry) {
        registry.add("beacon.mongo.uri", mongo::uri);
        // absolute: a web application would read a relative path against its servlet context
        registry.add("beacon.content.directory", () -> java.nio.file.Path.of("../../content").toAbsolutePath().normalize().toString());
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @LocalServerPort
    int port;

    private TemplatePreviewApi api() {
        return new ServiceClients("console", ServiceApiTesting.developmentPassword("console"))
                .api(TemplatePreviewApi.class, URI.create("http://127.0.0.1:" + port));
    }

    @Test
    void aNotificationIsRenderedForASampleCustomer() {
        var preview = api().preview(new TemplatePreviewRequest("GLOBAL_EQUITY_FUND", "es-ES", false, null, null));

        assertThat(preview.title()).isEqualTo("Beacon Bank");
        assertThat(preview.body()).contains("Su capital está en riesgo");
        assertThat(preview.data()).containsKey("preferencesLink");
        assertThat(preview.parts()).containsKeys("title", "body");
        assertThat(preview.personalised()).isFalse();
        assertThat(preview.encoding()).as("an SMS's field").isNull();
    }

    @Test
    void anUnknownProductIsRefusedNamingTheField() {
        assertThatThrownBy(() -> api().preview(new TemplatePreviewRequest("NOPE", null, null, null, null)))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> assertThat(problem.errors()).singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("/productCode");
                    assertThat(error.message()).contains("no push template for product 'NOPE'");
                }));
    }
}
