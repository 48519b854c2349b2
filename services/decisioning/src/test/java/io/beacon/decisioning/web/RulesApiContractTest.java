package io.beacon.decisioning.web;

import io.beacon.decisioning.decision.Decisioning;
import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.api.decisioning.RulesApi;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@link RulesApi}: the rules serving, read through the typed client. It refuses nothing: any caller may read it. */
class RulesApiContractTest extends DecisioningApiContract {

    @Autowired
    Decisioning decisioning;

    @Test
    void theRulesServingAndTheirVersion() {
        var api = api(RulesApi.class);

        var rules = api.rules();
        assertThat(rules.version()).isEqualTo(decisioning.ruleBase().version());
        assertThat(rules.catalogueVersion()).isEqualTo(decisioning.ruleBase().catalogueVersion());
        assertThat(rules.loadedAt()).isNotNull();
        assertThat(rules.rulesDirectory()).endsWith("rules");
        assertThat(rules.watching()).isFalse();
        assertThat(rules.interval()).isEqualTo(Duration.ofDays(1));
        assertThat(rules.lastRejected()).isNull();
        assertThat(api.rulesVersion().rulesVersion()).isEqualTo(rules.version());
    }
}
