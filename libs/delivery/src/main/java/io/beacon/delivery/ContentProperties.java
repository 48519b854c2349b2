package io.beacon.delivery;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a sender finds its message copy ({@code beacon.content.*}, ADR 0027).
 *
 * @param directory the content folder (env {@code BEACON_CONTENT_DIR}); relative to the working directory, which is the
 *                  repository's root under {@code ./beacon up}
 * @param reload    watch the folder and swap in a changed set once it checks out
 * @param interval  how often the folder is looked at
 */
@ConfigurationProperties("beacon.content")
public record ContentProperties(@DefaultValue("content") Path directory, @DefaultValue("true") boolean reload,
                                @DefaultValue("2s") Duration interval) {
}
