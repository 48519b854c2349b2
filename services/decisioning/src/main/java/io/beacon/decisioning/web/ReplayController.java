package io.beacon.decisioning.web;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.decisioning.Replay;
import io.beacon.contracts.api.decisioning.ReplayApi;
import io.beacon.contracts.api.decisioning.ReplayRequest;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/changes/replay}: a proposed rules folder compiled and replayed over the events recorded in the last
 * days beside the live version ({@link ShadowReplay}, ADR 0029). One replay at a time; nothing it does is seen outside
 * its answer.
 */
@RestController
class ReplayController implements ReplayApi {

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

    @Override
    public Replay replay(ReplayRequest request) {
        var errors = new ArrayList<ApiProblem.FieldError>();
        if (request.rules() == null || request.rules().isEmpty()) {
            errors.add(new ApiProblem.FieldError("/rules", "required, the whole proposed rules folder (path relative to rules/ → text)"));
        }
        int days = request.days() == null ? 7 : request.days();
        if (days < 1 || days > 30) {
            errors.add(new ApiProblem.FieldError("/days", days + " is outside 1-30"));
        }
        int sample = request.sample() == null ? 20 : request.sample();
        if (sample < 0 || sample > 100) {
            errors.add(new ApiProblem.FieldError("/sample", sample + " is outside 0-100"));
        }
        if (!errors.isEmpty()) {
            throw problem(HttpStatus.BAD_REQUEST, "Invalid replay request",
                    String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
        }
        if (!one.tryAcquire()) {
            throw problem(HttpStatus.TOO_MANY_REQUESTS, "A replay is running", "one replay runs at a time; try again when it is done", List.of());
        }
        try {
            long started = System.nanoTime();
            RuleBase proposed;
            try {
                proposed = compile(request.rules());
            } catch (RuleBase.RulesRejectedException e) {
                throw problem(HttpStatus.UNPROCESSABLE_ENTITY, "Rules refused", "the proposed rules do not load: "
                        + e.details().size() + " problem(s)", e.details().stream().map(ReplayController::error).toList());
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
                throw problem(HttpStatus.UNPROCESSABLE_ENTITY, "No recorded events", "no event was recorded on beacon.events.profiled in the "
                        + "last " + days + " day(s) (since " + from + ")" + (read.oldestKept() == null ? ": the topic holds none"
                        : "; the oldest kept is from " + read.oldestKept()) + ": nothing to replay", List.of());
            }
            return new Replay(report(replay.report()), read.unreadable(), read.oldestKept(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
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

    private static ApiProblem.Invalid problem(HttpStatus status, String title, String detail, List<ApiProblem.FieldError> errors) {
        return new ApiProblem.Invalid(status.value(), URI.create("https://beacon.example/problems/" + title.toLowerCase().replace(' ', '-')),
                title, detail, errors);
    }

    /** A reason the proposed rules do not load, where it is: {@code file:line}, and the pointer of a catalogue field. */
    static ApiProblem.FieldError error(RuleProblem problem) {
        return new ApiProblem.FieldError(problem.file() + ":" + problem.line() + (problem.pointer() == null ? "" : ": " + problem.pointer()),
                problem.reason());
    }

    /** The report as the API answers it. */
    static Replay.Report report(ShadowReplay.Report r) {
        return new Replay.Report(r.liveVersion(), r.proposedVersion(), r.from(), r.to(), r.events(), r.decided(), lines(r.triggers()),
                lines(r.suppressions()), lines(r.offers()), r.changedEvents(), r.changedCustomers(),
                r.sample().stream().map(c -> new Replay.Change(c.customer(), c.eventType(), c.at(), c.live(), c.proposed())).toList(), r.method());
    }

    private static List<Replay.Line> lines(List<ShadowReplay.Line> lines) {
        return lines.stream().map(l -> new Replay.Line(l.what(), l.live(), l.proposed())).toList();
    }
}
