package io.beacon.journeys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Running instances per journey, through the Camunda client's process instance search against a stand-in for the
 * orchestration cluster's REST API (the embedded engine has no search): the request it sends and the answers it reads.
 */
class RunningInstancesTest {

    private final WireMockServer cluster = new WireMockServer(options().dynamicPort());
    private CamundaClient client;

    @BeforeEach
    void start() {
        cluster.start();
        client = CamundaClient.newClientBuilder().restAddress(URI.create(cluster.baseUrl())).grpcAddress(URI.create("http://127.0.0.1:1"))
                .preferRestOverGrpc(true).build();
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.stop();
    }

    @Test
    void countsTheActiveInstancesOfEachJourney() {
        stub("first-salary", 42, false);
        stub("large-deposit-investment", 10000, true);

        var counts = new RunningInstances(client, true).of(List.of("first-salary", "large-deposit-investment"));

        assertThat(counts.unknown()).as(cluster.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString()).toList().toString()).isNull();
        assertThat(counts.counts()).containsEntry("first-salary", 42L).containsEntry("large-deposit-investment", 10000L);
        assertThat(counts.atLeast()).as("the search caps its total").isTrue();
        cluster.verify(postRequestedFor(urlPathEqualTo("/v2/process-instances/search")).withRequestBody(equalToJson(
                "{\"filter\":{\"processDefinitionId\":{\"$eq\":\"first-salary\"},\"state\":{\"$eq\":\"ACTIVE\"}},\"page\":{\"limit\":1}}", true, true)));
    }

    @Test
    void saysWhyWhenThereIsNoSearch() {
        assertThat(new RunningInstances(client, false).of(List.of("first-salary")).unknown()).contains("no search API");

        cluster.stubFor(post(urlPathEqualTo("/v2/process-instances/search")).willReturn(aResponse().withStatus(503)));
        var counts = new RunningInstances(client, true).of(List.of("first-salary"));
        assertThat(counts.counts()).isEmpty();
        assertThat(counts.unknown()).startsWith("the engine's search did not answer");
    }

    private void stub(String journey, long total, boolean more) {
        cluster.stubFor(post(urlPathEqualTo("/v2/process-instances/search"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"" + journey + "\""))
                .willReturn(okJson("{\"items\":[],\"page\":{\"totalItems\":" + total + ",\"hasMoreTotalItems\":" + more
                        + ",\"startCursor\":null,\"endCursor\":null}}")));
    }
}
