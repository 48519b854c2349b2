package io.beacon.decisioning.web;

import io.beacon.contracts.api.decisioning.RuleProblem;
import io.beacon.contracts.api.decisioning.RulesApi;
import io.beacon.contracts.api.decisioning.RulesStatus;
import io.beacon.contracts.api.decisioning.RulesVersion;
import org.springframework.web.bind.annotation.RestController;

/** Which rules version serves, since when, and why the last change to the rules folder was refused, if one was. */
@RestController
class RulesController implements RulesApi {

    private final RuleReloader reloader;

    RulesController(RuleReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    public RulesStatus rules() {
        RuleReloader.Status status = reloader.status();
        RuleReloader.Rejection rejected = status.lastRejected();
        return new RulesStatus(status.version(), status.catalogueVersion(), status.loadedAt(), status.rulesDirectory(), status.watching(),
                status.interval(), rejected == null ? null : new RulesStatus.Rejection(rejected.at(), rejected.fingerprint(),
                        rejected.problems().stream().map(RulesController::problem).toList()));
    }

    @Override
    public RulesVersion rulesVersion() {
        return new RulesVersion(reloader.status().version());
    }

    static RuleProblem problem(io.beacon.decisioning.rules.RuleProblem problem) {
        return new RuleProblem(problem.file(), problem.line(), problem.pointer(), problem.reason());
    }
}
