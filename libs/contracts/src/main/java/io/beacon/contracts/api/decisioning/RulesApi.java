package io.beacon.contracts.api.decisioning;

import org.springframework.web.service.annotation.GetExchange;

/** Which rules version decisioning serves, since when, and why the last change to its rules folder was refused. */
public interface RulesApi {

    /** {@code GET /api/rules}: the rules and catalogue versions serving, and the last refused change with every reason. */
    @GetExchange("/api/rules")
    RulesStatus rules();

    /** {@code GET /api/rules/version}: only the rules version serving now. */
    @GetExchange("/api/rules/version")
    RulesVersion rulesVersion();
}
