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
    private final EngineRecovery engine;

    JourneysController(JourneyDeployment deployment, RunningInstances running, EngineRecovery engine) {
        this.deployment = deployment;
        this.running = running;
        this.engine = engine;
    }

    /**
     * The deployment state as the engine has it, and {@code running}: instances per journey now (or {@code unknown}:
     * why not). {@code engine} says which engine epoch answers and whether it holds the journeys (ADR 0020): while it
     * is being recovered or cannot be reached, {@code deployed} is empty, because nothing is known to be deployed on it.
     */
    @GetMapping("/api/journeys")
    Map<String, Object> journeys() {
        JourneyDeployment.State state = deployment.state();
        EngineRecovery.State engineState = engine.state();
        var deployed = engineState.status() == EngineRecovery.Health.CURRENT ? state.deployed() : java.util.List.<JourneyDeployment.Deployed>of();
        var body = new LinkedHashMap<String, Object>();
        body.put("directory", state.directory());
        body.put("engine", engineState);
        body.put("deployed", deployed);
        body.put("deployedAt", state.deployedAt());
        body.put("lastRefused", state.lastRefused());
        body.put("watching", state.watching());
        body.put("running", running.of(deployed.stream().map(JourneyDeployment.Deployed::processId).toList()));
        return body;
    }
}
