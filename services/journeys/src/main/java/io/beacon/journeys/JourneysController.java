package io.beacon.journeys;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What is deployed from workflows/, how many instances of each run, and the last change refused with its reasons. */
@RestController
class JourneysController {

    private final JourneyDeployment deployment;
    private final RunningInstances running;

    JourneysController(JourneyDeployment deployment, RunningInstances running) {
        this.deployment = deployment;
        this.running = running;
    }

    /** The deployment state, and {@code running}: instances per journey now (or {@code unknown}: why not). */
    @GetMapping("/api/journeys")
    Map<String, Object> journeys() {
        JourneyDeployment.State state = deployment.state();
        var body = new LinkedHashMap<String, Object>();
        body.put("directory", state.directory());
        body.put("deployed", state.deployed());
        body.put("deployedAt", state.deployedAt());
        body.put("lastRefused", state.lastRefused());
        body.put("watching", state.watching());
        body.put("running", running.of(state.deployed().stream().map(JourneyDeployment.Deployed::processId).toList()));
        return body;
    }
}
