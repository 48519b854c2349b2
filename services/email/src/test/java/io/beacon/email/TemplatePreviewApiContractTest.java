package io.beacon.email;

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
 * {@link TemplatePreviewApi} as email answers it (the subject, the plain text and the HTML in its layout), from the service as it
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
    void anEmailIsRenderedInItsLayoutForASampleCustomer() {
        var preview = api().preview(new TemplatePreviewRequest("TRAVEL_CARD", "zh-CN", null, "小明", null));

        assertThat(preview.subject()).isEqualTo("【Beacon Bank】多币种旅行卡境外消费免手续费");
        assertThat(preview.text()).contains("小明您好");
        assertThat(preview.html()).contains("1 Example Street, London");
        assertThat(preview.locale()).isEqualTo("zh-CN");
        assertThat(preview.parts()).as("an SMS's and a push notification's field").isNull();
    }

    @Test
    void aPreviewWithoutAProductIsRefusedNamingTheField() {
        assertThatThrownBy(() -> api().preview(new TemplatePreviewRequest(null, "en", null, null, null)))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> assertThat(problem.errors())
                        .extracting(ApiProblem.FieldError::field).containsExactly("/productCode"));
    }
}
