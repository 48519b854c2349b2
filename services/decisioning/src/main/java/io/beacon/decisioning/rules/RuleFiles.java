package io.beacon.decisioning.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The rules folder on disk: which of its files are rules, each named by its path relative to the folder, and read. */
final class RuleFiles {

    private RuleFiles() {
    }

    /** Rule files: DRL, CSV decision tables (what a business user edits as a table) and DMN targeting tables. */
    static List<Path> ruleFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".drl") || p.getFileName().toString().endsWith(".csv")
                            || p.getFileName().toString().endsWith(".dmn"))
                    .filter(p -> !hidden(directory, p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules folder " + directory.toAbsolutePath(), e);
        }
    }

    // Editors and sync tools leave dot-files (.#salary.drl, .salary.drl.swp) beside the real ones; they are not rules.
    static boolean hidden(Path directory, Path file) {
        for (Path part : directory.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static String relative(Path directory, Path file) {
        return directory.relativize(file).toString().replace('\\', '/');
    }

    /** The file's bytes, or null with a problem naming it when it cannot be read. */
    static byte[] read(Path path, String name, List<RuleProblem> problems) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            problems.add(new RuleProblem(name, 0, null, "cannot read: " + e));
            return null;
        }
    }
}
