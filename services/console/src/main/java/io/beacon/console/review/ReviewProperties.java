package io.beacon.console.review;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What an RM's personal note may not say (ADR 0028).
 *
 * @param forbiddenPhrases promises compliance forbids in a note, in every language the bank writes in; matched case-,
 *                         width- and accent-insensitively ("guaranteed return", "保本", "rentabilidad garantizada")
 */
@ConfigurationProperties("beacon.console.review")
public record ReviewProperties(List<String> forbiddenPhrases) {

    public ReviewProperties {
        forbiddenPhrases = forbiddenPhrases == null ? List.of() : List.copyOf(forbiddenPhrases);
    }
}
