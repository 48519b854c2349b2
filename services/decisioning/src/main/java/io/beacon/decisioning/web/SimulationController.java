package io.beacon.decisioning.web;

import io.beacon.decisioning.decision.OfferDecision;
import io.beacon.decisioning.rules.Decisions;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.ApiProblem.FieldError;
import io.beacon.contracts.api.decisioning.AudiencePreview;
import io.beacon.contracts.api.decisioning.Factor;
import io.beacon.contracts.api.decisioning.Ranking;
import io.beacon.contracts.api.decisioning.SimulatedDecision;
import io.beacon.contracts.api.decisioning.SimulationApi;
import io.beacon.contracts.api.decisioning.SimulationRequest;
import io.beacon.contracts.api.decisioning.SimulationTrace;
import io.beacon.contracts.api.decisioning.Suppression;
import io.beacon.contracts.api.decisioning.Trigger;
import java.io.ByteArrayInputStream;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.Simulation;
import io.beacon.decisioning.rules.RuleBase;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * {@code POST /api/decisions/simulate}: the full trace of a decision for a profile and an event, with no side effects.
 * The body is checked and read with Beacon's own mapper first ({@link RequestCheck}), so the profile binds exactly as it
 * does off Kafka and every field that is wrong is named at once.
 */
@RestController
class SimulationController implements SimulationApi {

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
    @Override
    public AudiencePreview previewCampaign(String campaignId) {
        CampaignPreview.Preview preview;
        try {
            preview = campaignPreview.preview(campaignId)
                    .orElseThrow(() -> new ApiProblem.NotFound("no campaign '" + campaignId + "' is loaded at profiles"));
        } catch (RestClientException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new ApiProblem.Unavailable("the audience preview of " + campaignId + " could not be computed: " + firstLine(e), e);
        }
        return new AudiencePreview(preview.campaignId(), preview.audience(), preview.audienceExpression(), preview.offer(), preview.found(),
                preview.evaluated(), preview.sampled(), preview.eligible(), preview.excludedByReason(), preview.rulesVersion(),
                preview.catalogueVersion(), preview.computedAt());
    }

    @Override
    public SimulationTrace simulate(SimulationRequest request) {
        LocalDate today = request.today() == null ? LocalDate.now(clock) : request.today();
        JsonNode data = request.event().data() == null ? Json.mapper().createObjectNode() : Json.mapper().valueToTree(request.event().data());
        var trace = Simulation.run(decisioning.ruleBase(),
                new Simulation.Request(request.profile(), request.event().type(), data, request.productCode(), today));
        return trace(trace);
    }

    static final URI INVALID = URI.create("https://beacon.example/problems/invalid-simulation-request");

    /**
     * Reads a simulation request's JSON whole, with Beacon's mapper, before Spring binds it: every field that is wrong is
     * named at once (a bad date does not hide a missing profile); a request that passes is handed on as Beacon's mapper
     * reads it, so that it binds as the profile binds off Kafka.
     */
    @ControllerAdvice(assignableTypes = SimulationController.class)
    static class RequestCheck extends RequestBodyAdviceAdapter {

        private final Decisioning decisioning;

        RequestCheck(Decisioning decisioning) {
            this.decisioning = decisioning;
        }

        @Override
        public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
            return targetType == SimulationRequest.class;
        }

        @Override
        public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                               Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
            byte[] body = input.getBody().readAllBytes();
            SimulationRequest request = read(body, decisioning.ruleBase());
            byte[] checked = Json.mapper().writeValueAsBytes(request);
            return new HttpInputMessage() {
                @Override
                public InputStream getBody() {
                    return new ByteArrayInputStream(checked);
                }

                @Override
                public HttpHeaders getHeaders() {
                    return input.getHeaders();
                }
            };
        }

        @Override
        public Object handleEmptyBody(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                      Class<? extends HttpMessageConverter<?>> converterType) {
            throw invalid(List.of(new FieldError("/", "the request must be a JSON object with profile and event")));
        }
    }

    /** The request as Beacon's mapper reads it, or {@link ApiProblem.Invalid} naming, by JSON pointer, every field that is wrong. */
    static SimulationRequest read(byte[] body, RuleBase base) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode tree = null;
        try {
            tree = body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            errors.add(new FieldError("/", "malformed JSON: " + firstLine(e)));
        }
        if (errors.isEmpty() && (tree == null || !tree.isObject())) {
            errors.add(new FieldError("/", "the request must be a JSON object with profile and event"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }

        ProfileSnapshot profile = null;
        JsonNode profileNode = tree.get("profile");
        if (profileNode == null || profileNode.isNull()) {
            errors.add(new FieldError("/profile", "required"));
        } else if (!profileNode.isObject()) {
            errors.add(new FieldError("/profile", "must be an object (a ProfileSnapshot)"));
        } else {
            profile = bind(profileNode, "/profile", ProfileSnapshot.class, errors);
            if (profile != null && (profile.customerId() == null || profile.customerId().isBlank())) {
                errors.add(new FieldError("/profile/customerId", "required"));
            }
        }

        JsonNode event = tree.get("event");
        String eventType = null;
        SimulationRequest.EventData data = null;
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
            JsonNode dataNode = event.get("data");
            if (dataNode != null && !dataNode.isNull()) {
                if (!dataNode.isObject()) {
                    errors.add(new FieldError("/event/data", "must be an object"));
                } else {
                    data = bind(dataNode, "/event/data", SimulationRequest.EventData.class, errors);
                }
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

        LocalDate today = null;
        JsonNode todayNode = tree.get("today");
        if (todayNode != null && !todayNode.isNull()) {
            try {
                today = LocalDate.parse(todayNode.asText());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("/today", "must be a date such as 2026-11-22"));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new SimulationRequest(profile, new SimulationRequest.Event(eventType, data), productCode, today);
    }

    private static <T> T bind(JsonNode node, String at, Class<T> type, List<FieldError> errors) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonMappingException e) {
            errors.add(new FieldError(at + pointer(e), firstLine(e)));
        } catch (IOException e) {
            errors.add(new FieldError(at, firstLine(e)));
        }
        return null;
    }

    private static ApiProblem.Invalid invalid(List<FieldError> errors) {
        return new ApiProblem.Invalid(400, INVALID, "Invalid simulation request",
                errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""), errors);
    }

    /** The trace as the API answers it. */
    static SimulationTrace trace(Simulation.Trace trace) {
        var triggers = new SimulationTrace.TriggerStep(trace.triggers().triggers().stream().map(SimulationController::trigger).toList(),
                trace.triggers().rulesFired());
        var steps = trace.suitability().stream().map(s -> new SimulationTrace.SuitabilityStep(s.productCode(), s.source(), s.suitable(),
                s.reasonCodes().stream().map(io.beacon.contracts.ReasonCode::valueOf).toList(),
                s.suppressions().stream().map(SimulationController::suppression).toList(), s.rulesFired())).toList();
        OfferDecision d = trace.decision();
        var decision = new SimulatedDecision(d.rulesVersion(), d.catalogueVersion(), d.today(), d.personalisation(),
                d.triggers().stream().map(SimulationController::trigger).toList(), d.triggerRulesFired(),
                d.offers().stream().map(o -> new SimulatedDecision.Offer(o.trigger(), o.productCode(), o.triggerRule(), o.result().name(),
                        o.reasonCodes(), o.suppressions().stream().map(SimulationController::suppression).toList(), o.rulesFired(),
                        o.ranking() == null ? null : new Ranking(o.ranking().propensity(), o.ranking().expectedValue(), o.ranking().contextWeight(),
                                o.ranking().score(), o.ranking().rank(), o.ranking().factors().stream()
                                .map(f -> new Factor(f.candidate(), f.factor(), f.multiplier(), f.rule())).toList()),
                        o.why())).toList(),
                d.winner(), d.rulesNotApplied());
        return new SimulationTrace(trace.rulesVersion(), trace.catalogueVersion(), trace.today(), trace.eventType(), triggers, steps,
                trace.unknownProducts(), decision);
    }

    private static Trigger trigger(Decisions.Trigger t) {
        return new Trigger(t.name(), t.productCode(), t.rule());
    }

    private static Suppression suppression(Decisions.Suppression s) {
        return new Suppression(s.reason(), s.rule());
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
