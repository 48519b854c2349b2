package io.beacon.journeys;

import io.camunda.client.CamundaClient;
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
        var deployment = command.send().join();
        deployment.getProcesses().forEach(p ->
                log.info("journey {} version {} deployed from {}", p.getBpmnProcessId(), p.getVersion(), p.getResourceName()));
    }

    private JourneyDeployment() {
    }
}
