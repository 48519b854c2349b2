package io.beacon.journeys;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code report-not-delivered}: every channel of the journey failed. Each channel's FAILED is already on
 * {@code beacon.offers}; this raises a Zeebe incident with a clear message, so that a person sees an offer that could
 * not be delivered at all (a provider down on every channel, a customer with no reachable contact point). The sends were
 * retried already: the incident is resolved by fixing the cause and cancelling the instance; retrying this task raises
 * it again.
 */
class NotDeliveredWorker {

    private static final Logger log = LoggerFactory.getLogger(NotDeliveredWorker.class);

    void handle(JobClient client, ActivatedJob job) {
        String message = message(job.getBpmnProcessId(), job.getVariablesAsMap());
        log.warn("journey {} instance {}: {}", job.getBpmnProcessId(), job.getProcessInstanceKey(), message);
        client.newFailCommand(job).retries(0).errorMessage(message).send().join();
    }

    static String message(String journey, Map<String, Object> variables) {
        return "No channel delivered offer " + variables.get("productCode") + " to customer " + variables.get("customerId")
                + " in journey " + journey + " (source event " + variables.get("sourceEventId") + "): every channel in the customer's order "
                + "failed or was not allowed, the last (" + variables.get("outcomeChannel") + ") with " + variables.get("outcomeReason")
                + ". Each channel's FAILED outcome is on beacon.offers. Fix the cause, then cancel this instance; retrying this task raises it again.";
    }
}
