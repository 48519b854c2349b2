package io.beacon.journeys;

import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.platform.OutcomePublisher;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.Map;

/**
 * {@code record-outcome}: publishes the outcome a journey step names in its {@code outcome} header, with the reason
 * from its {@code outcomeReason} input. The id is deterministic, so a retried job repeats the same event. Every outcome
 * carries the customer's measurement group (variable {@code group}); a CONVERTED also the content variant that was
 * sent ({@code delivery.variant}) and the offer's value ({@code offerValue}), ADR 0025.
 */
class RecordOutcomeWorker {

    private final OutcomePublisher publisher;

    RecordOutcomeWorker(OutcomePublisher publisher) {
        this.publisher = publisher;
    }

    void handle(ActivatedJob job) {
        String outcomeHeader = job.getCustomHeaders().get("outcome");
        if (outcomeHeader == null) {
            throw new IllegalArgumentException("task " + job.getElementId() + " of " + job.getBpmnProcessId() + " has no 'outcome' header");
        }
        handle(job, OutcomeType.valueOf(outcomeHeader));
    }

    /** Publishes the given outcome for the job's step; input {@code outcomeDetail} is the free-text detail. */
    void handle(ActivatedJob job, OutcomeType type) {
        Map<String, Object> vars = job.getVariablesAsMap();
        Object reason = vars.get("outcomeReason");
        if (reason != null && reason.toString().isBlank()) {
            reason = null;
        }
        Object detail = vars.get("outcomeDetail");
        publisher.publish(new OfferOutcome(type,
                (String) vars.get("customerId"),
                job.getBpmnProcessId(),
                String.valueOf(job.getProcessInstanceKey()),
                job.getElementId(),
                (String) vars.get("trigger"),
                (String) vars.get("productCode"),
                channel(vars, type),
                reason == null ? null : ReasonCode.valueOf(reason.toString()),
                detail == null ? null : detail.toString(),
                (String) vars.get("sourceEventId"),
                (String) vars.get("decisionId"),
                Instant.now())
                .labelled(job.getBpmnProcessId(), job.getProcessDefinitionVersion(), (String) vars.get("stage"))
                .measured(group(vars), type == OutcomeType.CONVERTED ? variant(vars) : null,
                        type == OutcomeType.CONVERTED && vars.get("offerValue") instanceof Number value ? value.doubleValue() : null));
    }

    /** The instance's group; an instance started before groups existed has only the boolean {@code holdout}. */
    static MeasurementGroup group(Map<String, Object> vars) {
        if (vars.get("group") instanceof String group) {
            return MeasurementGroup.valueOf(group);
        }
        return Boolean.TRUE.equals(vars.get("holdout")) ? MeasurementGroup.HOLDOUT : MeasurementGroup.TREATMENT;
    }

    /**
     * The step's {@code outcomeChannel}; for a CONVERTED with none, the channel of the send it follows
     * ({@code delivery.channel}), so a channel's conversions can be told apart. A held-out customer's has none.
     */
    static String channel(Map<String, Object> vars, OutcomeType type) {
        if (vars.get("outcomeChannel") instanceof String channel && !channel.isBlank()) {
            return channel;
        }
        return type == OutcomeType.CONVERTED && vars.get("delivery") instanceof Map<?, ?> delivery
                && delivery.get("channel") instanceof String sent ? sent : null;
    }

    private static String variant(Map<String, Object> vars) {
        return vars.get("delivery") instanceof Map<?, ?> delivery && delivery.get("variant") instanceof String variant ? variant : null;
    }
}
