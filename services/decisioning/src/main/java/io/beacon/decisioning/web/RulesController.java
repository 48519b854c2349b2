package io.beacon.decisioning.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Which rules version serves, since when, and why the last change to the rules folder was refused, if one was. */
@RestController
class RulesController {

    private final RuleReloader reloader;

    RulesController(RuleReloader reloader) {
        this.reloader = reloader;
    }

    @GetMapping("/api/rules")
    RuleReloader.Status rules() {
        return reloader.status();
    }
}
