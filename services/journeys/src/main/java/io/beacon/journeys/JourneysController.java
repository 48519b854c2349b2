package io.beacon.journeys;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.journeys.JourneysApi;
import io.beacon.contracts.api.journeys.JourneysCheck;
import io.beacon.contracts.api.journeys.JourneysCheckRequest;
import io.beacon.contracts.api.journeys.JourneysState;
import java.util.List;
import org.springframework.web.bind.annotation.RestController;

/** What is deployed from workflows/, how many instances of each run, and the last change refused with its reasons. */
@RestController
class JourneysController implements JourneysApi {

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

    /**
     * {@code POST /api/journeys/check}: what a proposed workflows/ folder would deploy (journey, stage, triggers, holdout
     * share) and every reason the deployment would refuse it, with nothing deployed (ADR 0029).
     */
    @Override
    public JourneysCheck check(JourneysCheckRequest request) {
        if (request == null || request.files() == null) {
            String required = "required, file name → BPMN XML of every journey in the proposed workflows/ folder";
            throw new ApiProblem.Invalid(400, null, "Invalid journeys check", "/files: " + required,
                    List.of(new ApiProblem.FieldError("/files", required)));
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
        return new JourneysCheck(checked.journeys().stream().map(j -> new JourneysCheck.Declared(j.journey(), j.file(), j.stage(),
                j.triggers(), j.holdoutShare())).toList(), List.copyOf(problems));
    }

    /**
     * The deployment state as the engine has it, and {@code running}: instances per journey now (or {@code unknown}:
     * why not). {@code engine} says which engine epoch answers and whether it holds the journeys (ADR 0020): while it
     * is being recovered or cannot be reached, {@code deployed} is empty, because nothing is known to be deployed on it.
     */
    @Override
    public JourneysState journeys() {
        JourneyDeployment.State state = deployment.state();
        EngineRecovery.State engineState = engine.state();
        var deployed = engineState.status() == EngineRecovery.Health.CURRENT ? state.deployed() : java.util.List.<JourneyDeployment.Deployed>of();
        RunningInstances.Counts counts = running.of(deployed.stream().map(JourneyDeployment.Deployed::processId).toList());
        EngineRecovery.Recovery recovery = engineState.lastRecovery();
        JourneyDeployment.Refusal refused = state.lastRefused();
        return new JourneysState(state.directory(),
                new JourneysState.Engine(engineState.epoch(), engineState.status().name(), engineState.confirmedAt(), engineState.problem(),
                        recovery == null ? null : new JourneysState.Recovery(recovery.epoch(), recovery.detectedAt(), recovery.redeployed(),
                                recovery.recreationRequestedAt())),
                deployed.stream().map(d -> new JourneysState.Deployed(d.processId(), d.version(), d.file(), d.stage(), d.triggers(),
                        d.holdoutShare())).toList(),
                state.deployedAt(), refused == null ? null : new JourneysState.Refusal(refused.at(), refused.problems()), state.watching(),
                new JourneysState.Running(counts.counts(), counts.atLeast(), counts.unknown()));
    }
}
