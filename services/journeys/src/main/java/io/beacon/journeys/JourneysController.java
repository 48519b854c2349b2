package io.beacon.journeys;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What is deployed from workflows/, and the last change that was refused with its reasons. */
@RestController
class JourneysController {

    private final JourneyDeployment deployment;

    JourneysController(JourneyDeployment deployment) {
        this.deployment = deployment;
    }

    @GetMapping("/api/journeys")
    JourneyDeployment.State journeys() {
        return deployment.state();
    }
}
