package io.beacon.decisioning.web;

import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.JourneyCatalogue;
import io.beacon.decisioning.decision.Pace;
import io.beacon.decisioning.decision.RecordedEvents;
import io.beacon.decisioning.decision.ShadowReplay;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.decisioning.rules.RuleProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/changes/replay}: a proposed rules folder compiled and replayed over the events recorded in the last
 * days beside the live version ({@link ShadowReplay}, ADR 0029). One replay at a time; nothing it does is seen outside
 * its answer.
 */
@RestController
class ReplayController {

    /**
     * @param rules    the whole proposed rules folder: path relative to rules/ → text
     * @param journeys trigger → journey with the proposal, when it changes journeys; else the deployed ones
     * @param days     how far back (1-30, default 7)
     * @param sample   how many changed customers to show (0-100, default 20)
     */
    record ReplayRequest(Map<String, String> rules, Map<String, String> journeys, Integer days, Integer sample) {
    }

    record Answer(ShadowReplay.Report report, long unreadable, Instant oldestKept, long tookMillis) {
    }

    private final Decisioning decisioning;
    private final JourneyCatalogue journeys;
    private final RecordedEvents recorded;
    private final Clock clock;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplayController.class);

    private final Semaphore one = new Semaphore(1);

    private final double cpuShare;

    /**
     * @param cpuShare the share of one core a replay may use ({@code beacon.decisioning.replay.cpu-share}, 0.1): it is
     *                 paced in slices of 2 ms so that the live decisions beside it keep their latency
     */
    ReplayController(Decisioning decisioning, JourneyCatalogue journeys, RecordedEvents recorded, Clock clock,
                     @org.springframework.beans.factory.annotation.Value("${beacon.decisioning.replay.cpu-share:0.1}") double cpuShare) {
        this.decisioning = decisioning;
        this.journeys = journeys;
        this.recorded = recorded;
        this.clock = clock;
        this.cpuShare = cpuShare;
        new Pace(cpuShare, SLICE); // refuses a share outside (0, 1] at start
    }

    static final Duration SLICE = Duration.ofMillis(2);

    @PostMapping(path = "/api/changes/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> replay(@RequestBody ReplayRequest request) {
        var errors = new ArrayList<String>();
        if (request.rules() == null || request.rules().isEmpty()) {
            errors.add("/rules: required, the whole proposed rules folder (path relative to rules/ → text)");
        }
        int days = request.days() == null ? 7 : request.days();
        if (days < 1 || days > 30) {
            errors.add("/days: " + days + " is outside 1-30");
        }
        int sample = request.sample() == null ? 20 : request.sample();
        if (sample < 0 || sample > 100) {
            errors.add("/sample: " + sample + " is outside 0-100");
        }
        if (!errors.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid replay request", String.join("; ", errors), null);
        }
        if (!one.tryAcquire()) {
            return problem(HttpStatus.TOO_MANY_REQUESTS, "A replay is running", "one replay runs at a time; try again when it is done", null);
        }
        try {
            long started = System.nanoTime();
            RuleBase proposed;
            try {
                proposed = compile(request.rules());
            } catch (RuleBase.RulesRejectedException e) {
                return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Rules refused", "the proposed rules do not load: "
                        + e.details().size() + " problem(s)", e.details());
            }
            log.info("replay: proposed rules {} compiled in {} ms", proposed.version(), Duration.ofNanos(System.nanoTime() - started).toMillis());
            var live = journeys.journeysByTrigger();
            var replay = new ShadowReplay(decisioning.ruleBase(), proposed, live,
                    request.journeys() == null ? live : Map.copyOf(request.journeys()), sample);
            Instant from = Instant.now(clock).minus(Duration.ofDays(days));
            var pace = new Pace(cpuShare, SLICE);
            var read = recorded.since(from, event -> {
                replay.accept(event);
                pace.tick();
            });
            if (read.events() == 0) {
                return problem(HttpStatus.UNPROCESSABLE_ENTITY, "No recorded events", "no event was recorded on beacon.events.profiled in the "
                        + "last " + days + " day(s) (since " + from + ")" + (read.oldestKept() == null ? ": the topic holds none"
                        : "; the oldest kept is from " + read.oldestKept()) + ": nothing to replay", null);
            }
            return ResponseEntity.ok(new Answer(replay.report(), read.unreadable(), read.oldestKept(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis()));
        } finally {
            one.release();
        }
    }

    /** Loads the proposed folder as the reloader would load the live one, from a folder of its own. */
    static RuleBase compile(Map<String, String> files) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("beacon-proposed-rules");
            for (var file : files.entrySet()) {
                Path target = folder.resolve(file.getKey()).normalize();
                if (!target.startsWith(folder) || file.getKey().startsWith("/")) {
                    throw new RuleBase.RulesRejectedException(List.of(new RuleProblem(file.getKey(), 0, null, "a path outside the rules folder")));
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue() == null ? "" : file.getValue(), StandardCharsets.UTF_8);
            }
            return RuleBase.load(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(folder);
        }
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is only disk
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, List<RuleProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://beacon.example/problems/" + title.toLowerCase().replace(' ', '-')));
        if (problems != null) {
            problem.setProperty("problems", problems);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
