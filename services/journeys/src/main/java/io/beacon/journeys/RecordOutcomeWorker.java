package io.beacon.journeys;

import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.platform.OutcomePublisher;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.Map;

/**
 * {@code record-outcome}: publishes the outcome a journey step names in its {@code outcome} header, with the reason
 * from its {@code outcomeReason} input. The id is deterministic, so a retried job repeats the same event.
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
                (String) vars.get("outcomeChannel"),
                reason == null ? null : ReasonCode.valueOf(reason.toString()),
                detail == null ? null : detail.toString(),
                (String) vars.get("sourceEventId"),
                (String) vars.get("decisionId"),
                Instant.now())
                .labelled(job.getBpmnProcessId(), job.getProcessDefinitionVersion(), (String) vars.get("stage")));
    }
}
