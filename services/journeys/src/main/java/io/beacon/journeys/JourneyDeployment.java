package io.beacon.journeys;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.DeploymentEvent;
import io.grpc.Status;
import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys every journey in workflows/ in one deployment: Zeebe accepts all or none, and deploys a changed file as a
 * new version while running instances finish on theirs.
 */
class JourneyDeployment {

    private static final Logger log = LoggerFactory.getLogger(JourneyDeployment.class);

    static void deployAll(CamundaClient client, Path directory) {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journeys folder " + directory.toAbsolutePath(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no .bpmn journey in " + directory.toAbsolutePath());
        }
        var command = client.newDeployResourceCommand().addResourceFile(files.get(0).toString());
        for (Path file : files.subList(1, files.size())) {
            command = command.addResourceFile(file.toString());
        }
        var deployment = sendUntilReachable(command, Duration.ofMinutes(2));
        deployment.getProcesses().forEach(p ->
                log.info("journey {} version {} deployed from {}", p.getBpmnProcessId(), p.getVersion(), p.getResourceName()));
    }

    /**
     * The engine may still be starting (or the machine busy) when the service starts: an unreachable or slow engine
     * is retried until the deadline; a refusal (a journey that does not parse) fails at once with Zeebe's reason.
     */
    private static DeploymentEvent sendUntilReachable(DeployResourceCommandStep1.DeployResourceCommandStep2 command, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return command.requestTimeout(Duration.ofSeconds(30)).send().join();
            } catch (ClientStatusException e) {
                boolean transientFailure = e.getStatusCode() == Status.Code.UNAVAILABLE || e.getStatusCode() == Status.Code.DEADLINE_EXCEEDED
                        || e.getStatusCode() == Status.Code.RESOURCE_EXHAUSTED;
                if (!transientFailure || System.nanoTime() > deadline) {
                    throw e;
                }
                log.warn("Zeebe not reachable yet ({}); deploying the journeys again in 2 s", e.getStatusCode());
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private JourneyDeployment() {
    }
}
