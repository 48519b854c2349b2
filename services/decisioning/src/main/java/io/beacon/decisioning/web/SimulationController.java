package io.beacon.decisioning.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.Simulation;
import io.beacon.decisioning.rules.RuleBase;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

/**
 * {@code POST /api/decisions/simulate}: the full trace of a decision for a profile and an event, with no side effects.
 * The body is read as text and parsed with Beacon's own mapper, so the profile binds exactly as it does off Kafka.
 */
@RestController
class SimulationController {

    private final Decisioning decisioning;
    private final CampaignPreview campaignPreview;
    private final Clock clock;

    SimulationController(Decisioning decisioning, CampaignPreview campaignPreview, Clock clock) {
        this.decisioning = decisioning;
        this.campaignPreview = campaignPreview;
        this.clock = clock;
    }

    /**
     * {@code POST /api/decisions/simulate/campaigns/{campaignId}}: how many of the campaign's audience the offer would
     * reach now, after suitability and consent ({@link CampaignPreview}). Nothing stored, sent or counted.
     */
    @PostMapping("/api/decisions/simulate/campaigns/{campaignId}")
    ResponseEntity<?> previewCampaign(@PathVariable String campaignId) {
        try {
            return campaignPreview.preview(campaignId).<ResponseEntity<?>>map(ResponseEntity::ok)
                    .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "Unknown campaign", "no campaign '" + campaignId + "' is loaded at profiles"));
        } catch (RestClientException | IllegalStateException | java.io.UncheckedIOException e) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Preview unavailable", "the audience preview of " + campaignId
                    + " could not be computed: " + firstLine(e));
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    record FieldError(String field, String reason) {
    }

    @PostMapping(path = "/api/decisions/simulate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> simulate(@RequestBody(required = false) String body) {
        RuleBase base = decisioning.ruleBase();
        List<FieldError> errors = new ArrayList<>();
        JsonNode tree = null;
        try {
            tree = body == null || body.isBlank() ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            errors.add(new FieldError("/", "malformed JSON: " + firstLine(e)));
        }
        if (errors.isEmpty() && (tree == null || !tree.isObject())) {
            errors.add(new FieldError("/", "the request must be a JSON object with profile and event"));
        }
        if (!errors.isEmpty()) {
            return problem(errors);
        }

        ProfileSnapshot profile = null;
        JsonNode profileNode = tree.get("profile");
        if (profileNode == null || profileNode.isNull()) {
            errors.add(new FieldError("/profile", "required"));
        } else if (!profileNode.isObject()) {
            errors.add(new FieldError("/profile", "must be an object (a ProfileSnapshot)"));
        } else {
            try {
                profile = Json.mapper().treeToValue(profileNode, ProfileSnapshot.class);
            } catch (JsonMappingException e) {
                errors.add(new FieldError("/profile" + pointer(e), firstLine(e)));
            } catch (IOException e) {
                errors.add(new FieldError("/profile", firstLine(e)));
            }
            if (profile != null && (profile.customerId() == null || profile.customerId().isBlank())) {
                errors.add(new FieldError("/profile/customerId", "required"));
            }
        }

        JsonNode event = tree.get("event");
        String eventType = null;
        JsonNode data = null;
        if (event == null || event.isNull()) {
            errors.add(new FieldError("/event", "required"));
        } else if (!event.isObject()) {
            errors.add(new FieldError("/event", "must be an object with type and data"));
        } else {
            JsonNode type = event.get("type");
            if (type == null || !type.isTextual() || type.asText().isBlank()) {
                errors.add(new FieldError("/event/type", "required, a string such as bank.transaction.posted"));
            } else {
                eventType = type.asText();
            }
            data = event.get("data");
            if (data == null || data.isNull()) {
                data = Json.mapper().createObjectNode();
            } else if (!data.isObject()) {
                errors.add(new FieldError("/event/data", "must be an object"));
            }
        }

        String productCode = null;
        JsonNode code = tree.get("productCode");
        if (code != null && !code.isNull()) {
            if (!code.isTextual()) {
                errors.add(new FieldError("/productCode", "must be a string"));
            } else if (base.product(code.asText()).isEmpty()) {
                errors.add(new FieldError("/productCode", "unknown product " + code.asText() + " in catalogue " + base.catalogueVersion()));
            } else {
                productCode = code.asText();
            }
        }

        LocalDate today = LocalDate.now(clock);
        JsonNode todayNode = tree.get("today");
        if (todayNode != null && !todayNode.isNull()) {
            try {
                today = LocalDate.parse(todayNode.asText());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("/today", "must be a date such as 2026-11-22"));
            }
        }
        if (!errors.isEmpty()) {
            return problem(errors);
        }
        return ResponseEntity.ok(Simulation.run(base, new Simulation.Request(profile, eventType, data, productCode, today)));
    }

    private static ResponseEntity<ProblemDetail> problem(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b).orElse(""));
        problem.setTitle("Invalid simulation request");
        problem.setType(URI.create("https://beacon.example/problems/invalid-simulation-request"));
        List<Map<String, String>> fields = errors.stream().map(e -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("field", e.field());
            m.put("reason", e.reason());
            return m;
        }).toList();
        problem.setProperty("errors", fields);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (var ref : e.getPath()) {
            p.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return p.toString();
    }

    private static String firstLine(Exception e) {
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
