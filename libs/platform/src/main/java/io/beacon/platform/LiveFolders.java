package io.beacon.platform;

import io.beacon.platform.LiveFolder.ChangesMode;
import java.nio.file.Path;

/**
 * Makes a service's {@link LiveFolder}s from one switch, {@code beacon.changes.mode} ({@code BEACON_CHANGES_MODE}:
 * files, direct or governed; ADR 0029), and the service's working folder {@code beacon.changes.workspace}.
 */
public record LiveFolders(ChangesMode mode, Path workspace, String bootstrap, String service) {

    /** @param seed the configured folder of the area (rules/, workflows/, content/) */
    public LiveFolder folder(String area, Path seed) {
        return LiveFolder.of(mode, area, seed, workspace, bootstrap, service);
    }
}
