package io.beacon.decisioning.zeebe;

import io.beacon.decisioning.policy.FrequencyCaps;
import io.beacon.decisioning.policy.ContactPolicy;
import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentDecision;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.OutcomePublisher;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journey step {@code check-contact-policy} for one channel: consent (read once here; the send lease has the last
 * word, ADR 0030), quiet hours in the customer's time zone and frequency caps: {@code contactPolicy {allowed, reason,
 * channel, sendAt, deferred}}. A refusal is published as the channel's own SUPPRESSED outcome at this step, so that when
 * a journey tries several channels each one's reason is on beacon.offers, not only the last (which the journey records
 * again when it ends, at Task_RecordContactBlocked).
 */
public final class ContactPolicyStep {

    private final ContactPolicy contactPolicy;
    private final FrequencyCaps caps;
    private final ProfilesApi profiles;
    private final ConsentApi consent;
    private final OutcomePublisher outcomes;
    private final Clock clock;

    public ContactPolicyStep(ContactPolicy contactPolicy, FrequencyCaps caps, ProfilesApi profiles, ConsentApi consent,
                      OutcomePublisher outcomes, Clock clock) {
        this.contactPolicy = contactPolicy;
        this.caps = caps;
        this.profiles = profiles;
        this.consent = consent;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    Map<String, Object> check(ActivatedJob job) {
        Map<String, Object> variables = job.getVariablesAsMap();
        String customerId = (String) variables.get("customerId");
        String channel = String.valueOf(variables.getOrDefault("channel", "sms"));
        var result = new LinkedHashMap<String, Object>();
        result.put("allowed", false);
        result.put("channel", channel);
        ConsentDecision check = consent.check(customerId, channel, "marketing");
        if (!check.allowed()) {
            return refused(job, channel, check.reason(), result);
        }
        String timeZone = timeZone(variables, customerId);
        Instant now = clock.instant();
        Instant sendAt = contactPolicy.nextAllowedSendTime(now, timeZone);
        // The slot is taken now, for the customer's date of the planned send, so that journeys waiting for quiet
        // hours to end cannot all wake up to the same free slot; once per journey step and channel, so a retried job
        // takes none, and a fallback to the next channel is judged against that channel's own caps (a channel refused
        // by its cap gave its slots back; one whose delivery failed keeps it: caps err towards fewer messages).
        var capped = caps.reserveOnce(JourneyWorkers.stepKey(job) + "/" + channel, customerId, channel, contactPolicy.localDate(sendAt, timeZone));
        if (capped.isPresent()) {
            return refused(job, channel, capped.get(), result);
        }
        result.put("allowed", true);
        result.put("sendAt", sendAt.toString());
        result.put("deferred", sendAt.isAfter(now));
        if (sendAt.isAfter(now)) {
            result.put("reason", ReasonCode.QUIET_HOURS_DEFERRED.name());
            outcomes.publish(deferred(job, channel, sendAt, now));
        }
        return Map.of("contactPolicy", result);
    }

    /**
     * The customer's time zone as the decision read it (variable {@code timeZone}, ADR 0030); a journey started without it
     * (by hand, or re-created from a decision record) asks profiles. Null when neither knows it (the policy's default).
     */
    private String timeZone(Map<String, Object> variables, String customerId) {
        if (variables.get("timeZone") instanceof String zone && !zone.isBlank()) {
            return zone;
        }
        ProfileSnapshot profile = JourneyWorkers.profileOrNull(profiles, customerId);
        return profile == null ? null : profile.timeZone();
    }

    private Map<String, Object> refused(ActivatedJob job, String channel, ReasonCode reason, Map<String, Object> result) {
        result.put("reason", reason.name());
        outcomes.publish(refused(job, channel, reason, clock.instant()));
        return Map.of("contactPolicy", result);
    }

    /**
     * One channel refused by the contact policy, as that channel's SUPPRESSED outcome; its id is the step's and the
     * channel's, so a retried job publishes the same event.
     */
    static OfferOutcome refused(ActivatedJob job, String channel, ReasonCode reason, Instant now) {
        Map<String, Object> vars = job.getVariablesAsMap();
        return new OfferOutcome(OutcomeType.SUPPRESSED, (String) vars.get("customerId"), job.getBpmnProcessId(),
                String.valueOf(job.getProcessInstanceKey()), job.getElementId(), (String) vars.get("trigger"), (String) vars.get("productCode"),
                channel, reason, null, (String) vars.get("sourceEventId"), (String) vars.get("decisionId"), now)
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
}
