package io.beacon.decisioning.zeebe;

import io.beacon.decisioning.rules.CustomerFact;
import io.beacon.decisioning.mongo.DecisionRecords;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * The journey step {@code check-suitability}: {@code suitability {suitable, reason, rulesVersion}}, with its evidence.
 * Decided once when nothing can have changed (ADR 0030): within {@code decidedWithin} of the decision that started the
 * journey (variable {@code decidedAt}), the step takes that decision's verdict (its winner passed eligibility and
 * suitability) and records a pointer to it as its evidence; later, after a wait, it decides again on the profile as
 * it is then.
 */
public final class SuitabilityStep {

    private final Decisioning decisioning;
    private final DecisionRecords records;
    private final ProfilesApi profiles;
    private final Duration decidedWithin;
    private final Clock clock;

    public SuitabilityStep(Decisioning decisioning, DecisionRecords records, ProfilesApi profiles, Duration decidedWithin, Clock clock) {
        this.decisioning = decisioning;
        this.records = records;
        this.profiles = profiles;
        this.decidedWithin = decidedWithin;
        this.clock = clock;
    }

    Map<String, Object> check(ActivatedJob job) {
        Map<String, Object> variables = job.getVariablesAsMap();
        String customerId = (String) variables.get("customerId");
        String productCode = (String) variables.get("productCode");
        var result = new LinkedHashMap<String, Object>();
        Instant decidedAt = instant(variables.get("decidedAt"));
        String decisionId = (String) variables.get("decisionId");
        Instant now = clock.instant();
        if (decidedAt != null && decisionId != null && !now.isAfter(decidedAt.plus(decidedWithin))) {
            String rulesVersion = (String) variables.get("rulesVersion");
            records.recordSuitabilityDecided(JourneyWorkers.stepKey(job), customerId, productCode, decisionId, decidedAt, rulesVersion);
            result.put("suitable", true);
            result.put("reason", null);
            result.put("rulesVersion", rulesVersion);
            result.put("decidedIn", decisionId);
            return Map.of("suitability", result);
        }
        var product = decisioning.ruleBase().product(productCode);
        ProfileSnapshot profile = JourneyWorkers.profileOrNull(profiles, customerId);
        if (profile == null || product.isEmpty()) {
            result.put("suitable", false);
            result.put("reason", (profile == null ? ReasonCode.NO_PROFILE : ReasonCode.NOT_ELIGIBLE_RESIDENCY).name());
            return Map.of("suitability", result);
        }
        LocalDate today = LocalDate.now(clock);
        var evaluation = decisioning.suitability(profile, product.get(), today);
        var reasons = evaluation.decisions().suppressions().stream().map(s -> s.reason().name()).distinct().toList();
        boolean suitable = reasons.isEmpty();
        var customer = new CustomerFact(profile, today);
        Document inputs = new Document("age", customer.getAge())
                .append("country", profile.country())
                .append("riskTolerance", customer.getRiskTolerance())
                .append("riskAssessedAt", customer.getRiskAssessedAt() == null ? null : customer.getRiskAssessedAt().toString())
                .append("knowledgeLevel", customer.getKnowledgeLevel())
                .append("productRiskRating", product.get().getRiskRating())
                .append("holdsProduct", customer.getHoldings().contains(productCode))
                .append("vulnerable", customer.isVulnerable())
                .append("inArrears", customer.isInArrears())
                .append("minor", customer.isMinor())
                .append("incomeOnRecord", customer.isIncomeOnRecord());
        String regime = product.get().getSuitabilityRegime();
        records.recordSuitability(JourneyWorkers.stepKey(job), customerId, productCode, regime, evaluation.suitabilityChecks(), inputs,
                suitable, reasons, evaluation.decisions().rulesFired(), evaluation.rulesVersion());
        result.put("suitable", suitable);
        result.put("reason", suitable ? null : reasons.get(0));
        result.put("rulesVersion", evaluation.rulesVersion());
        return Map.of("suitability", result);
    }

    /** An ISO 8601 instant from a job variable; null when absent or unreadable (the check is then decided again). */
    private static Instant instant(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
