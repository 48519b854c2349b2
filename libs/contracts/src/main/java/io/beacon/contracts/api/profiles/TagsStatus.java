package io.beacon.contracts.api.profiles;

import java.time.Instant;
import java.util.List;

/**
 * @param version      the tag definitions version serving
 * @param loadedAt     when it was loaded
 * @param directory    the folder the definitions are read from
 * @param watching     whether changes of the folder are picked up while the service runs
 * @param lastRejected the last change that was refused (the version above kept serving); null when none
 */
public record TagsStatus(String version, Instant loadedAt, String directory, boolean watching, List<TagDefinitionView> definitions,
                         DefinitionsRejection lastRejected) {
}
