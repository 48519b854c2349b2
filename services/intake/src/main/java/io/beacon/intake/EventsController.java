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
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events} for bank systems that cannot speak Kafka: one CloudEvent or a JSON array of them.
 * A batch is validated whole before anything is published, so a bad batch is never half-accepted. A body over
 * {@code beacon.intake.max-body-size} is refused with 413 before it is read whole: at once when its Content-Length
 * says so, else once the bytes read pass the limit, so that no caller can make intake hold more than the limit.
 */
@RestController
class EventsController {

    private static final Logger log = LoggerFactory.getLogger(EventsController.class);

    static final int MAX_BATCH = 500;

    private final BankEventValidator validator;
    private final EventIntake intake;
    private final EventPublisher publisher;
    private final int maxBodyBytes;

    EventsController(BankEventValidator validator, EventIntake intake, EventPublisher publisher, IntakeProperties properties) {
        this.validator = validator;
        this.intake = intake;
        this.publisher = publisher;
        this.maxBodyBytes = properties.maxBodyBytes();
    }

    record EventResult(int index, String id, String source, String status) {
    }

    record FieldError(int index, String id, String field, String message) {
    }

    @PostMapping(path = "/api/events", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/cloudevents+json",
            "application/cloudevents-batch+json"})
    ResponseEntity<?> post(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            return tooLarge(declared + " bytes by its Content-Length");
        }
        // one byte past the limit tells a body over it, whether or not it declared its length (chunked)
        byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            return tooLarge("over " + maxBodyBytes + " bytes as read");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (IOException e) {
            var invalid = (ValidationResult.Invalid) validator.validate(body);
            EventPublisher.await(List.of(intake.reject(body, invalid)));
            return problem("The request body is not valid JSON", List.of(new FieldError(0, null, "/", invalid.violations().get(0).message())));
        }
        if (tree == null || tree.isMissingNode()) {
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

    /**
     * 413 naming the limit, the body left unread past it; the connection is closed rather than the rest of the body
     * read and thrown away. Logged by size alone: an unread body is no record, the caller has the answer.
     */
    private ResponseEntity<ProblemDetail> tooLarge(String size) {
        log.warn("refused a body of {} on POST /api/events: over beacon.intake.max-body-size, {} bytes", size, maxBodyBytes);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The request body is "
                + size + "; at most " + maxBodyBytes + " bytes are read (beacon.intake.max-body-size): send at most "
                + MAX_BATCH + " events of at most " + BankEventValidator.MAX_EVENT_BYTES + " bytes each, in bodies of at most "
                + maxBodyBytes + " bytes");
        problem.setType(URI.create("https://beacon.example/problems/body-too-large"));
        problem.setTitle("Request body too large");
        problem.setProperty("maxBodyBytes", maxBodyBytes);
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(URI.create("https://beacon.example/problems/invalid-event"));
        problem.setTitle("Invalid event");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
