package io.beacon.decisioning.zeebe;

import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ReasonCode;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.mongo.DecisionRecords;
import io.beacon.decisioning.policy.ContactPolicy;
import io.beacon.decisioning.policy.FrequencyCaps;
import io.beacon.decisioning.rules.CustomerFact;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * The journey steps decisioning owns: {@code check-suitability}, {@code check-contact-policy} and {@code choose-offer}.
 * Thin glue: variables in, the rules, the policy or the decision record, variables out.
 */
public class JourneyWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JourneyWorkers.class);

    private final Decisioning decisioning;
    private final DecisionRecords records;
    private final ContactPolicy contactPolicy;
    private final FrequencyCaps caps;
    private final RestClient profiles;
    private final RestClient consent;
    private final io.beacon.platform.OutcomePublisher outcomes;
    private final Clock clock;
    private final List<JobWorker> workers = new ArrayList<>();

    public JourneyWorkers(CamundaClient client, Decisioning decisioning, DecisionRecords records, ContactPolicy contactPolicy,
                   FrequencyCaps caps, RestClient profiles, RestClient consent, io.beacon.platform.OutcomePublisher outcomes, Clock clock) {
        this.outcomes = outcomes;
        this.decisioning = decisioning;
        this.records = records;
        this.contactPolicy = contactPolicy;
        this.caps = caps;
        this.profiles = profiles;
        this.consent = consent;
        this.clock = clock;
        workers.add(client.newWorker().jobType("check-suitability").handler((jobClient, job) ->
                jobClient.newCompleteCommand(job).variables(checkSuitability(job)).send().join()).timeout(Duration.ofSeconds(30)).open());
        workers.add(client.newWorker().jobType("check-contact-policy").handler((jobClient, job) ->
                jobClient.newCompleteCommand(job).variables(checkContactPolicy(job)).send().join()).timeout(Duration.ofSeconds(30)).open());
        workers.add(client.newWorker().jobType("choose-offer").handler((jobClient, job) -> {
            var chosen = chooseOffer(records, job.getVariablesAsMap().get("decisionId"));
            if (chosen.isPresent()) {
                jobClient.newCompleteCommand(job).variables(chosen.get()).send().join();
            } else {
                // retried (a record written a moment ago may not be readable yet), then an incident with this message
                jobClient.newFailCommand(job).retries(job.getRetries() - 1).retryBackoff(Duration.ofSeconds(5))
                        .errorMessage("no decision record " + job.getVariablesAsMap().get("decisionId")
                                + ": choose-offer reads the decision that started the journey (variable decisionId)").send().join();
            }
        }).timeout(Duration.ofSeconds(30)).open());
    }

    /**
     * The offer the journey's decision chose (arbitration ran before the journey started, ADR 0009): {@code offer
     * {productCode, variant, trigger, chosen, reasonCodes, rulesVersion, catalogueVersion}}; {@code chosen} is false
     * when every candidate was suppressed. Empty when there is no such decision.
     */
    public static java.util.Optional<Map<String, Object>> chooseOffer(DecisionRecords records, Object decisionId) {
        if (!(decisionId instanceof String id) || id.isBlank()) {
            return java.util.Optional.empty();
        }
        return records.decision(id).map(decision -> {
            var offer = new LinkedHashMap<String, Object>();
            offer.put("chosen", "TRIGGERED".equals(decision.getString("outcome")));
            offer.put("productCode", decision.getString("productCode"));
            offer.put("variant", decision.get("offerVariant"));
            offer.put("trigger", decision.getString("trigger"));
            offer.put("reasonCodes", decision.getList("reasonCodes", String.class, List.of()));
            offer.put("rulesVersion", decision.getString("rulesVersion"));
            offer.put("catalogueVersion", decision.getString("catalogueVersion"));
            return Map.<String, Object>of("offer", offer);
        });
    }

    Map<String, Object> checkSuitability(ActivatedJob job) {
        String customerId = (String) job.getVariable("customerId");
        String productCode = (String) job.getVariable("productCode");
        var result = new LinkedHashMap<String, Object>();
        var product = decisioning.ruleBase().product(productCode);
        ProfileSnapshot profile = profile(customerId);
        if (profile == null || product.isEmpty()) {
            result.put("suitable", false);
            result.put("reason", (profile == null ? ReasonCode.NO_PROFILE : ReasonCode.NOT_ELIGIBLE_RESIDENCY).name());
            return Map.of("suitability", result);
        }
        var evaluation = decisioning.suitability(profile, product.get(), LocalDate.now(clock));
        var reasons = evaluation.decisions().suppressions().stream().map(s -> s.reason().name()).distinct().toList();
        boolean suitable = reasons.isEmpty();
        Document inputs = new Document("age", new CustomerFact(profile, LocalDate.now(clock)).getAge())
                .append("country", profile.country())
                .append("riskTolerance", profile.riskProfile() == null ? null : profile.riskProfile().tolerance())
                .append("riskAssessedAt", profile.riskProfile() == null ? null : profile.riskProfile().assessedAt().toString())
                .append("productRiskRating", product.get().getRiskRating())
                .append("holdsProduct", profile.holdings() != null && profile.holdings().contains(productCode));
        records.recordSuitability(stepKey(job), customerId, productCode, inputs,
                suitable, reasons, evaluation.decisions().rulesFired(), evaluation.rulesVersion());
        result.put("suitable", suitable);
        result.put("reason", suitable ? null : reasons.get(0));
        result.put("rulesVersion", evaluation.rulesVersion());
        return Map.of("suitability", result);
    }

    /**
     * Consent, an erased contact point, quiet hours and frequency caps for one channel. A refusal is published as the
     * channel's own SUPPRESSED outcome at this step, so that when a journey tries several channels each one's reason is
     * on beacon.offers, not only the last (which the journey records again when it ends, at Task_RecordContactBlocked).
     */
    Map<String, Object> checkContactPolicy(ActivatedJob job) {
        Map<String, Object> verdict = contactPolicyOf(job);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) verdict.get("contactPolicy");
        if (Boolean.FALSE.equals(result.get("allowed"))) {
            outcomes.publish(refused(job, (String) result.get("channel"), String.valueOf(result.get("reason")), Instant.now(clock)));
        }
        return verdict;
    }

    private Map<String, Object> contactPolicyOf(ActivatedJob job) {
        String customerId = (String) job.getVariable("customerId");
        String channel = String.valueOf(job.getVariablesAsMap().getOrDefault("channel", "sms"));
        var result = new LinkedHashMap<String, Object>();
        Map<?, ?> check = consent.get().uri("/api/consents/{id}/check?channel={channel}&purpose=marketing", customerId, channel)
                .retrieve().body(Map.class);
        boolean allowed = check != null && Boolean.TRUE.equals(check.get("allowed"));
        result.put("allowed", allowed);
        result.put("channel", channel);
        if (!allowed) {
            result.put("reason", check == null ? ReasonCode.NO_CONSENT.name() : String.valueOf(check.get("reason")));
            return Map.of("contactPolicy", result);
        }
        if (suppressedContactPoint(customerId, channel)) {
            result.put("allowed", false);
            result.put("reason", ReasonCode.SUPPRESSED_CONTACT_POINT.name());
            return Map.of("contactPolicy", result);
        }
        ProfileSnapshot profile = profile(customerId);
        Instant now = Instant.now(clock);
        Instant sendAt = contactPolicy.nextAllowedSendTime(now, profile == null ? null : profile.timeZone());
        // The slot is taken now, for the customer's date of the planned send, so that journeys waiting for quiet
        // hours to end cannot all wake up to the same free slot; once per journey step and channel, so a retried job
        // takes none, and a fallback to the next channel is judged against that channel's own caps (a channel refused
        // by its cap gave its slots back; one whose delivery failed keeps it: caps err towards fewer messages).
        var capped = caps.reserveOnce(stepKey(job) + "/" + channel, customerId, channel,
                contactPolicy.localDate(sendAt, profile == null ? null : profile.timeZone()));
        if (capped.isPresent()) {
            result.put("allowed", false);
            result.put("reason", capped.get().name());
            return Map.of("contactPolicy", result);
        }
        result.put("sendAt", sendAt.toString());
        result.put("deferred", sendAt.isAfter(now));
        if (sendAt.isAfter(now)) {
            result.put("reason", ReasonCode.QUIET_HOURS_DEFERRED.name());
            outcomes.publish(deferred(job, channel, sendAt, now));
        }
        return Map.of("contactPolicy", result);
    }

    /**
     * One channel refused by the contact policy, as that channel's SUPPRESSED outcome; its id is the step's and the
     * channel's, so a retried job publishes the same event. A reason the consent service gives that Beacon does not know
     * is published as NO_CONSENT (nothing may be sent without consent), with the service's own word in the detail.
     */
    static OfferOutcome refused(ActivatedJob job, String channel, String reason, Instant now) {
        Map<String, Object> vars = job.getVariablesAsMap();
        ReasonCode code = java.util.Arrays.stream(ReasonCode.values()).filter(r -> r.name().equals(reason)).findFirst().orElse(null);
        return new OfferOutcome(OutcomeType.SUPPRESSED, (String) vars.get("customerId"), job.getBpmnProcessId(),
                String.valueOf(job.getProcessInstanceKey()), job.getElementId(), (String) vars.get("trigger"), (String) vars.get("productCode"),
                channel, code == null ? ReasonCode.NO_CONSENT : code, code == null ? "consent service: " + reason : null,
                (String) vars.get("sourceEventId"), (String) vars.get("decisionId"), now)
                .labelled(job.getBpmnProcessId(), job.getProcessDefinitionVersion(), (String) vars.get("stage"))
                .measured(MeasurementGroup.TREATMENT, null, null);
    }

    /**
     * A send moved past the customer's quiet hours, as an outcome of its own: the funnel and the timeline show that the
     * offer waits, and until when. Its id is the step's and channel's, so a retried job publishes the same event.
     */
    static OfferOutcome deferred(ActivatedJob job, String channel, Instant sendAt, Instant now) {
        Map<String, Object> vars = job.getVariablesAsMap();
        return new OfferOutcome(OutcomeType.DEFERRED, (String) vars.get("customerId"), job.getBpmnProcessId(),
                String.valueOf(job.getProcessInstanceKey()), job.getElementId(), (String) vars.get("trigger"), (String) vars.get("productCode"),
                channel, ReasonCode.QUIET_HOURS_DEFERRED, "quiet hours: sent at " + sendAt, (String) vars.get("sourceEventId"),
                (String) vars.get("decisionId"), now)
                .labelled(job.getBpmnProcessId(), job.getProcessDefinitionVersion(), (String) vars.get("stage"))
                .deferredTo(sendAt)
                .measured(MeasurementGroup.TREATMENT, null, null);
    }

    /** The contact point of the channel belonged to an erased person (its blind index is a suppression token). */
    private boolean suppressedContactPoint(String customerId, String channel) {
        String kind = switch (channel) {
            case "sms" -> "phone";
            case "email" -> "email";
            case "push" -> "pushToken";
            default -> null;
        };
        Map<?, ?> tokens = profiles.get().uri("/api/profiles/{id}/suppression-tokens", customerId).retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> { })
                .toEntity(Map.class).getBody();
        Object token = kind == null || tokens == null || !(tokens.get("tokens") instanceof Map<?, ?> byKind) ? null : byKind.get(kind);
        if (token == null) {
            return false;
        }
        Map<?, ?> answer = consent.post().uri("/api/suppressions/check").body(Map.of("tokens", List.of(token))).retrieve().body(Map.class);
        return answer != null && answer.get("suppressed") instanceof List<?> suppressed && !suppressed.isEmpty();
    }

    /**
     * The journey step a job is for, as {@link io.beacon.contracts.JourneyKeys#step}: the evidence of a suitability check
     * and a frequency-cap slot belong to the journey run, and stay its own when the run is re-created on a new engine.
     * A job without its trigger's event id (a journey started by hand) falls back to the engine's instance key.
     */
    static String stepKey(ActivatedJob job) {
        Object sourceEventId = job.getVariablesAsMap().get("sourceEventId");
        return sourceEventId == null ? job.getProcessInstanceKey() + "/" + job.getElementId()
                : io.beacon.contracts.JourneyKeys.step(sourceEventId.toString(), job.getBpmnProcessId(), job.getElementId());
    }

    private ProfileSnapshot profile(String customerId) {
        return profiles.get().uri("/api/profiles/{id}", customerId).retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> { })
                .toEntity(ProfileSnapshot.class).getBody();
    }

    @Override
    public void close() {
        workers.forEach(JobWorker::close);
    }
}
