package io.beacon.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.testkit.LocalInfrastructure;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploying a journeys folder to the real Zeebe engine as it changes: a refused change deploys nothing (not even the
 * good files beside the bad one) and the version already deployed keeps serving; a fixed change deploys as a new
 * version. The journey is first-salary under another id and trigger, so the library's tests never see it.
 */
class JourneyDeploymentIT {

    private static final String FILE = "deploy-check-journey.bpmn";
    private static CamundaClient client;

    @TempDir
    Path folder;

    @BeforeAll
    static void connect() {
        client = CamundaClient.newClientBuilder().grpcAddress(URI.create(LocalInfrastructure.shared().zeebeGrpc())).preferRestOverGrpc(false).build();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aRefusedChangeKeepsThePreviousVersionAndAFixedOneDeploysTheNext() throws IOException {
        String journey = Files.readString(Path.of("../../workflows/first-salary.bpmn"))
                .replace("first-salary", "deploy-check-journey").replace("SalaryCredited", "DeployCheckTriggered");
        Files.writeString(folder.resolve(FILE), journey);
        var announced = new java.util.concurrent.CopyOnWriteArrayList<java.util.List<JourneyDeployment.Deployed>>();
        try (var deployment = new JourneyDeployment(client, folder, new JourneyRules(JourneyRules.BEACON_JOB_TYPES), Duration.ofMinutes(1),
                announced::add)) {
            assertThat(deployment.deploy()).isTrue();
            int first = version(deployment);
            // the catalogue the other services get: the journey, its version, its stage, the trigger that starts it
            assertThat(announced).singleElement().satisfies(journeys -> assertThat(journeys).singleElement().satisfies(d -> {
                assertThat(d.processId()).isEqualTo("deploy-check-journey");
                assertThat(d.version()).isEqualTo(first);
                assertThat(d.stage()).isEqualTo("attract");
                assertThat(d.triggers()).containsExactly("DeployCheckTriggered");
            }));
            assertThat(deployment.startedBy("DeployCheckTriggered")).map(JourneyDeployment.Deployed::processId).contains("deploy-check-journey");
            assertThat(deployment.startedBy("ConsentWithdrawn")).as("an event subprocess's message starts no journey").isEmpty();

            // an unknown job type, and beside it a good new journey: neither is deployed
            Files.writeString(folder.resolve(FILE), journey.replace("type=\"check-suitability\"", "type=\"check-suitabilty\""));
            Files.writeString(folder.resolve("deploy-check-other.bpmn"), journey.replace("deploy-check-journey", "deploy-check-other"));
            settle(deployment);
            assertThat(deployment.state().lastRefused().problems())
                    .containsExactly("deploy-check-journey.bpmn <Task_CheckSuitability>: job type <check-suitabilty> is not served by Beacon; known: "
                            + JourneyRules.BEACON_JOB_TYPES.stream().sorted().toList());
            assertThat(deployment.state().deployed()).singleElement().satisfies(d -> assertThat(d.version()).isEqualTo(first));

            // a file that does not parse
            Files.delete(folder.resolve("deploy-check-other.bpmn"));
            Files.writeString(folder.resolve("half-saved.bpmn"), journey.substring(0, journey.length() / 2));
            settle(deployment);
            assertThat(deployment.state().lastRefused().problems()).anySatisfy(p -> assertThat(p).startsWith("half-saved.bpmn: does not parse as BPMN: "));

            // what Zeebe itself refuses (a FEEL expression that does not parse) is refused with Zeebe's reason
            Files.delete(folder.resolve("half-saved.bpmn"));
            Files.writeString(folder.resolve(FILE), journey.replace("=holdout = true", "=holdout = = true"));
            settle(deployment);
            assertThat(deployment.state().lastRefused().problems()).singleElement().asString().contains(FILE).contains("holdout = = true");
            assertThat(deployment.state().deployed()).singleElement().satisfies(d -> assertThat(d.version()).isEqualTo(first));

            // fixed, and changed: the next version
            Files.writeString(folder.resolve(FILE), journey.replace("name=\"Check suitability\"", "name=\"Check suitability again\""));
            settle(deployment);
            assertThat(deployment.state().deployed()).singleElement().satisfies(d -> {
                assertThat(d.processId()).isEqualTo("deploy-check-journey");
                assertThat(d.version()).isEqualTo(first + 1);
                assertThat(d.stage()).as("the console shows the lifecycle stage the file declares").isEqualTo("attract");
            });
        }
    }

    /** The watch deploys a change once the folder reads the same twice; forced here instead of waiting for the poller. */
    private static void settle(JourneyDeployment deployment) {
        deployment.poll();
        deployment.poll();
    }

    private static int version(JourneyDeployment deployment) {
        return deployment.state().deployed().getFirst().version();
    }
}
