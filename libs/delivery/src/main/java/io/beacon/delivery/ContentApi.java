package io.beacon.delivery;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * A sender's content, over HTTP (ADR 0027): {@code GET /api/templates} (version, when it was loaded, from where, every
 * template, the last refused change with every problem) and {@code POST /api/templates/check} (a complete content
 * tree, checked as this channel would load it, with no effect on the set serving, and the messages it would render
 * differently, for a proposed change's report, ADR 0029). Each sender declares a
 * {@code @RestController} subclass.
 */
public abstract class ContentApi {

    /**
     * The body of a check: every file of a content tree, by path relative to the content folder, and optionally the
     * products whose own message the answer should render too (those a proposal's replay offers more often).
     */
    public record CheckRequest(Map<String, String> files, java.util.List<String> offered) {
    }

    private final LiveTemplates templates;

    protected ContentApi(LiveTemplates templates) {
        this.templates = templates;
    }

    @GetMapping("/api/templates")
    public LiveTemplates.Status status() {
        return templates.status();
    }

    @PostMapping("/api/templates/check")
    public ResponseEntity<?> check(@RequestBody(required = false) CheckRequest request) {
        if (request == null || request.files() == null || request.files().isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "files: required, every file of a content tree by its path relative to content/ (\"sms/en.yml\": \"...\")");
            problem.setTitle("Invalid content check");
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok(templates.check(request.files(), request.offered() == null ? java.util.List.of() : request.offered()));
    }
}
