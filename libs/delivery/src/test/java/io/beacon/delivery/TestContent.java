package io.beacon.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Content trees for tests (test-jar): the repository's own content/ folder, this module's fixture folders, copies to edit. */
public final class TestContent {

    private TestContent() {
    }

    /** The repository's content/ folder, found above the working directory (the folder with mvnw). */
    public static Path repositoryFolder() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the Beacon repository: no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("content");
    }

    /** The content the suite ships. */
    public static ContentFiles repository() {
        return ContentFiles.read(repositoryFolder());
    }

    /** The shipped content with some files replaced (a null text removes the file). */
    public static ContentFiles repositoryWith(Map<String, String> changes) {
        return with(repository(), changes);
    }

    public static ContentFiles with(ContentFiles content, Map<String, String> changes) {
        var files = new TreeMap<>(content.all());
        changes.forEach((path, text) -> {
            if (text == null) {
                files.remove(path);
            } else {
                files.put(path, text);
            }
        });
        return ContentFiles.of(files);
    }

    /** A fixture folder of this module's test resources (libs/delivery only: elsewhere it is inside a jar). */
    static Path fixture(String name) {
        try {
            return Path.of(TestContent.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a content folder into {@code to}, to edit in a test. */
    public static Path copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
