package io.beacon.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code ./beacon propose <folder> [--title T] [--delete path ...]}: the files under {@code <folder>} laid out as in the
 * repository ({@code rules/...}, {@code workflows/x.bpmn}, {@code content/...}) proposed as one change to the running
 * console, which checks and replays it; prints the outcome and the page where a second person approves it. Signs in as
 * {@code BEACON_CONSOLE_USER} / {@code BEACON_CONSOLE_PASSWORD} (the embedded run's {@code ops} / {@code beacon-ops} when
 * unset) at {@code BEACON_CONSOLE_URL} (http://127.0.0.1:8088).
 *
 * <p>Exit status: 0 when the proposal is ready for approval, 1 when Beacon refused it, 2 on a wrong command.
 */
public final class Propose {

    public static void main(String[] args) throws Exception {
        Path folder = null;
        String title = null;
        var files = new TreeMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--title" -> title = value(args, ++i, "--title");
                case "--delete" -> files.put(value(args, ++i, "--delete"), null);
                default -> folder = Path.of(args[i]);
            }
        }
        if (folder == null || !Files.isDirectory(folder)) {
            System.err.println("usage: ./beacon propose <folder> [--title \"why\"] [--delete rules/x.drl ...]\n"
                    + "  <folder> holds the changed files as in the repository: rules/..., workflows/<journey>.bpmn, content/...");
            System.exit(2);
        }
        files.putAll(read(folder));
        if (files.isEmpty()) {
            System.err.println(folder + " holds no file under rules/, workflows/ or content/: nothing to propose");
            System.exit(2);
        }
        String console = env("BEACON_CONSOLE_URL", "http://127.0.0.1:8088");
        var session = ConsoleSession.signIn(console, env("BEACON_CONSOLE_USER", "ops"), env("BEACON_CONSOLE_PASSWORD", "beacon-ops"));
        JsonNode proposed;
        try {
            proposed = session.propose(title == null ? "Proposed from " + folder.toAbsolutePath().normalize() : title, files);
        } catch (ConsoleSession.Refused e) {
            System.err.println("refused (" + e.status + "): " + e.getMessage());
            System.exit(1);
            return;
        }
        String id = proposed.path("id").asText();
        System.out.println("proposal " + id + " with " + files.size() + " file(s): " + String.join(", ", files.keySet()));
        System.out.println("checking and replaying...");
        JsonNode proposal = session.awaitChecked(id, Duration.ofMinutes(10));
        System.out.println(summary(proposal));
        System.out.println("page: " + console + "/ops/changes/" + id);
        System.exit("READY".equals(proposal.path("status").asText()) ? 0 : 1);
    }

    static String summary(JsonNode proposal) {
        var text = new StringBuilder(proposal.path("id").asText() + " is " + proposal.path("status").asText().toLowerCase());
        proposal.path("problems").forEach(p -> text.append("\n  problem: ").append(p.asText()));
        JsonNode report = proposal.path("report").path("report");
        if (!report.isMissingNode()) {
            text.append("\n  replayed ").append(report.path("events").asLong()).append(" recorded events: ")
                    .append(report.path("changedEvents").asLong()).append(" decided differently, for ")
                    .append(report.path("changedCustomers").asLong()).append(" customers");
            for (String section : List.of("triggers", "suppressions", "offers")) {
                report.path(section).forEach(line -> {
                    long live = line.path("live").asLong();
                    long proposed = line.path("proposed").asLong();
                    if (live != proposed) {
                        text.append("\n  ").append(section).append(" ").append(line.path("what").asText()).append(": ")
                                .append(live).append(" -> ").append(proposed);
                    }
                });
            }
        }
        return text.toString();
    }

    /** The files under the folder's rules/, workflows/ and content/, by their path in the repository. */
    static Map<String, String> read(Path folder) throws IOException {
        var files = new TreeMap<String, String>();
        for (String area : List.of("rules", "workflows", "content")) {
            Path root = folder.resolve(area);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
