package io.beacon.profiles.tags;

import java.util.Set;

/** The names of the persona tags defined now (the definitions hot-reload): what an audience or a rule may name. */
public interface KnownTags {

    Set<String> knownTags();
}
