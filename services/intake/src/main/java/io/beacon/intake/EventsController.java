package io.beacon.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.BankEventValidator;
import io.beacon.contracts.Json;
import io.beacon.contracts.Topics;
import io.beacon.contracts.ValidationResult;
import io.beacon.contracts.Violation;
import io.beacon.platform.EventPublisher;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events} for bank systems that cannot speak Kafka: one CloudEvent or a JSON array of them.
 * A batch is validated whole before anything is published, so a bad batch is never half-accepted.
 */
@RestController
class EventsController {

    static final int MAX_BATCH = 500;

    private final BankEventValidator validator;
    private final EventIntake intake;
    private final EventPublisher publisher;

    EventsController(BankEventValidator validator, EventIntake intake, EventPublisher publisher) {
        this.validator = validator;
        this.intake = intake;
        this.publisher = publisher;
    }

    record EventResult(int index, String id, String source, String status) {
    }

    record FieldError(int index, String id, String field, String message) {
    }

    @PostMapping(path = "/api/events", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/cloudevents+json",
            "application/cloudevents-batch+json"})
    ResponseEntity<?> post(@RequestBody byte[] body) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (IOException e) {
            var invalid = (ValidationResult.Invalid) validator.validate(body);
            EventPublisher.await(List.of(intake.reject(body, invalid)));
            return problem("The request body is not valid JSON", List.of(new FieldError(0, null, "/", invalid.violations().get(0).message())));
        }
        if (tree == null) {
            return problem("The request body is empty", List.of(new FieldError(0, null, "/", "expected a CloudEvent or an array of CloudEvents")));
        }
        List<JsonNode> events = new ArrayList<>();
        if (tree.isArray()) {
            tree.forEach(events::add);
        } else {
            events.add(tree);
        }
        if (events.isEmpty() || events.size() > MAX_BATCH) {
            return problem("A batch holds 1 to " + MAX_BATCH + " events", List.of(new FieldError(0, null, "/", "the batch holds " + events.size())));
        }

        List<byte[]> raws = new ArrayList<>();
        List<ValidationResult> results = new ArrayList<>();
        for (JsonNode event : events) {
            byte[] raw = event.toString().getBytes(StandardCharsets.UTF_8);
            raws.add(raw);
            results.add(validator.validate(raw));
        }
        List<FieldError> errors = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof ValidationResult.Invalid invalid) {
                sends.add(intake.reject(raws.get(i), invalid));
                for (Violation v : invalid.violations()) {
                    errors.add(new FieldError(i, invalid.id(), v.field(), v.message()));
                }
            }
        }
        EventPublisher.await(sends);
        if (!errors.isEmpty()) {
            return problem(errors.size() + " problem(s) in the request; nothing was accepted", errors);
        }

        List<EventResult> accepted = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            var event = ((ValidationResult.Valid) results.get(i)).event();
            // Published as received: the intake consumer de-duplicates and minimises it like any Kafka record,
            // and a client that retries after a failure here causes no duplicate.
            sends.add(publisher.publishRaw(Topics.BANK_EVENTS, event.subject(), raws.get(i),
                    Map.of("content-type", "application/cloudevents+json")));
            accepted.add(new EventResult(i, event.id(), event.source(), "accepted"));
        }
        // 202 only once the broker has every event of the batch
        EventPublisher.await(sends);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("results", accepted));
    }

    private static ResponseEntity<ProblemDetail> problem(String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(URI.create("https://beacon.example/problems/invalid-event"));
        problem.setTitle("Invalid event");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
