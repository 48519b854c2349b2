package io.beacon.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder with mvnw) and the running JDK, so tests work from any module. */
public final class RepositoryLayout {

    private RepositoryLayout() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the Beacon repository: no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The java of the JVM running now: the build already found a JDK 21+, children use the same. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
