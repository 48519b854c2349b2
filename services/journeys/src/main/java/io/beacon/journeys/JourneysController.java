package io.beacon.journeys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** What is deployed from workflows/, how many instances of each run, and the last change refused with its reasons. */
@RestController
class JourneysController {

    private final JourneyDeployment deployment;
    private final RunningInstances running;
    private final EngineRecovery engine;

    private final JourneyRules rules;

    @org.springframework.beans.factory.annotation.Autowired
    JourneysController(JourneyDeployment deployment, RunningInstances running, EngineRecovery engine, JourneysProperties properties) {
        this(deployment, running, engine, new JourneyRules(properties.jobTypes()));
    }

    JourneysController(JourneyDeployment deployment, RunningInstances running, EngineRecovery engine, JourneyRules rules) {
        this.deployment = deployment;
        this.running = running;
        this.engine = engine;
        this.rules = rules;
    }

    /** The files of a proposed workflows/ folder: file name → BPMN XML. */
    record CheckRequest(Map<String, String> files) {
    }

    /**
     * {@code POST /api/journeys/check}: what a proposed workflows/ folder would deploy (journey, stage, triggers, holdout
     * share) and every reason the deployment would refuse it, with nothing deployed (ADR 0029).
     */
    @PostMapping("/api/journeys/check")
    org.springframework.http.ResponseEntity<?> check(@RequestBody CheckRequest request) {
        if (request == null || request.files() == null) {
            var problem = org.springframework.http.ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "/files: required, file name → BPMN XML of every journey in the proposed workflows/ folder");
            problem.setTitle("Invalid journeys check");
            return org.springframework.http.ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        var files = new java.util.TreeMap<String, byte[]>();
        var problems = new java.util.ArrayList<String>();
        request.files().forEach((name, xml) -> {
            if (!name.endsWith(".bpmn") || name.contains("/")) {
                problems.add(name + ": only .bpmn files directly in workflows/ are journeys");
            } else {
                files.put(name, xml == null ? new byte[0] : xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        var checked = JourneyDeployment.check(files, rules);
        problems.addAll(checked.problems());
        return org.springframework.http.ResponseEntity.ok(new JourneyDeployment.Checked(checked.journeys(), List.copyOf(problems)));
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
