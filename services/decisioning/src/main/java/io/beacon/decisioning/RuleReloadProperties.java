package io.beacon.decisioning;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether the rules folder is watched at all (off: the version loaded at start serves until restart)
 * @param interval how often the rules folder is polled for a change
 */
@ConfigurationProperties("beacon.decisioning.reload")
public record RuleReloadProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2s") Duration interval) {
}
