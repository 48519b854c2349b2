package io.beacon.decisioning.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.decisioning.rules.Decisions;
import io.beacon.decisioning.rules.RuleBase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A decision tried out, for marketing operations checking a rule change: the same rules as live decisions, on one
 * version read once, but nothing is stored, nothing published and no contact cap is touched. It only calls
 * {@link Decisioning}, which does no I/O, so it cannot have side effects by construction.
 */
public class Simulation {

    public record Request(ProfileSnapshot profile, String eventType, JsonNode eventData, String productCode, LocalDate today) {
    }

    public record TriggerStep(List<Decisions.Trigger> triggers, List<String> rulesFired) {
    }

    public record SuitabilityStep(String productCode, String source, boolean suitable, List<String> reasonCodes,
                                  List<Decisions.Suppression> suppressions, List<String> rulesFired) {
    }

    /** @param source of each suitability step: "triggered" by a rule or "requested" in the simulation */
    /** @param decision the whole decision as a live one would record it (no offer history: none is read) */
    public record Trace(String rulesVersion, String catalogueVersion, LocalDate today, String eventType,
                        TriggerStep triggers, List<SuitabilityStep> suitability, List<String> unknownProducts,
                        OfferDecision decision) {
    }

    private Simulation() {
    }

    public static Trace run(RuleBase base, Request request) {
        var event = new ProfiledEvent("simulation", "/beacon/decisioning/simulate", request.eventType(), request.eventData(), request.profile());
        var triggered = Decisioning.triggers(base, event, request.today()).decisions();

        Set<String> codes = new LinkedHashSet<>();
        String source;
        if (request.productCode() != null) {
            codes.add(request.productCode());
            source = "requested";
        } else {
            triggered.triggers().forEach(t -> codes.add(t.productCode()));
            source = "triggered";
        }
        List<SuitabilityStep> steps = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String code : codes) {
            var product = base.product(code);
            if (product.isEmpty()) {
                // Cannot happen for a triggered code (the load refuses rules naming unknown products); kept explicit.
                unknown.add(code);
                continue;
            }
            var decisions = Decisioning.suitability(base, request.profile(), product.get(), request.today(), OfferHistory.none()).decisions();
            var reasons = decisions.suppressions().stream().map(s -> s.reason().name()).distinct().toList();
            steps.add(new SuitabilityStep(code, source, reasons.isEmpty(), reasons, decisions.suppressions(), decisions.rulesFired()));
        }
        return new Trace(base.version(), base.catalogueVersion(), request.today(), request.eventType(),
                new TriggerStep(triggered.triggers(), triggered.rulesFired()), steps, unknown,
                Decisioning.decide(base, event, request.today(), OfferHistory.none()));
    }
}
