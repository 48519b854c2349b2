package io.beacon.console.experiments;

import io.beacon.contracts.ContentExperiment;
import io.beacon.contracts.Violation;
import io.beacon.contracts.api.ApiProblem;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Content experiments for marketing operations and the bank's BI (ADR 0025): {@code GET /api/experiments} (each with
 * its results), {@code POST /api/experiments} to start one, {@code GET /api/experiments/{id}} (optionally one
 * {@code variant}), {@code POST /api/experiments/{id}/stop}. A refused experiment is a problem+json 400 (409 when it
 * clashes with one that exists) naming every field that is wrong; nothing is stored.
 */
@RestController
class ExperimentsController {

    private final Experiments experiments;

    ExperimentsController(Experiments experiments) {
        this.experiments = experiments;
    }

    @GetMapping("/api/experiments")
    List<ExperimentResults> all() {
        return experiments.all().stream().map(this::results).toList();
    }

    /** What marketing operations send to start an experiment; who and when come from the session and the clock. */
    record Start(String id, String name, String productCode, String channel, List<ContentExperiment.Variant> variants,
                 Double minimumDetectableEffect) {

        ContentExperiment draft() {
            return new ContentExperiment(id, name, productCode, channel, variants,
                    minimumDetectableEffect == null ? 0 : minimumDetectableEffect, true, null, null, null);
        }
    }

    @PostMapping("/api/experiments")
    ResponseEntity<?> start(@RequestBody Start request, Principal user) {
        try {
            ContentExperiment started = experiments.start(request.draft(), user.getName());
            return ResponseEntity.created(URI.create("/api/experiments/" + started.id())).body(results(started));
        } catch (Experiments.Refused e) {
            return problem(e.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, "Experiment refused", e.getMessage(), e.problems());
        } catch (ApiProblem.Unavailable e) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Variants cannot be checked now",
                    e.getMessage() + ": the channel's templates decide which variants exist; nothing was stored", List.of());
        }
    }

    @GetMapping("/api/experiments/{id}")
    ResponseEntity<?> one(@PathVariable String id, @RequestParam(required = false) String variant) {
        var experiment = experiments.find(id);
        if (experiment.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "No such experiment", "no experiment '" + id + "'", List.of());
        }
        ExperimentResults results = results(experiment.get());
        if (variant == null || variant.isBlank()) {
            return ResponseEntity.ok(results);
        }
        return results.variants().stream().filter(v -> v.name().equals(variant)).findFirst()
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(HttpStatus.BAD_REQUEST, "Unknown variant", "experiment '" + id + "' has no variant '" + variant
                        + "'; its variants: " + results.variants().stream().map(ExperimentResults.VariantResult::name).toList(),
                        List.of(new Violation("variant", "unknown"))));
    }

    @PostMapping("/api/experiments/{id}/stop")
    ResponseEntity<?> stop(@PathVariable String id, Principal user) {
        return experiments.stop(id, user.getName()).<ResponseEntity<?>>map(stopped -> ResponseEntity.ok(results(stopped)))
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No such experiment", "no experiment '" + id + "'", List.of()));
    }

    private ExperimentResults results(ContentExperiment experiment) {
        return experiments.results(experiment);
    }

    /** RFC 9457, each wrong field under {@code errors}. */
    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, List<Violation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://beacon.example/problems/" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors.stream().map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
