package io.beacon.push;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Glue for {@code send-push} jobs: variables in, {@code delivery} out, and a failed job whenever the send cannot end. */
public class PushJobHandler implements JobHandler {

    public static final String JOB_TYPE = "send-push";

    private static final Logger log = LoggerFactory.getLogger(PushJobHandler.class);

    private final PushDelivery delivery;
    private final Duration retryBackoff;

    public PushJobHandler(PushDelivery delivery, Duration retryBackoff) {
        this.delivery = delivery;
        this.retryBackoff = retryBackoff;
    }

    @Override
    public void handle(JobClient client, ActivatedJob job) {
        DeliveryRequest request;
        try {
            request = DeliveryRequest.of(job.getVariablesAsMap(), job.getBpmnProcessId(), job.getProcessInstanceKey(), job.getElementId());
        } catch (IllegalArgumentException e) {
            // Retrying cannot add a missing variable: raise the incident now so someone fixes the journey.
            fail(client, job, 0, "send-push job of " + job.getBpmnProcessId() + "/" + job.getElementId() + " is malformed: " + e.getMessage());
            return;
        }
        DeliveryResult result;
        try {
            result = delivery.deliver(request);
        } catch (DeliveryDeferredException e) {
            fail(client, job, job.getRetries() - 1, e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("push {} failed unexpectedly", request.idempotencyKey(), e);
            fail(client, job, job.getRetries() - 1, "push " + request.idempotencyKey() + " failed unexpectedly: " + e);
            return;
        }
        // If this complete is lost, the redelivered job finds the ledger record and completes with the same result.
        client.newCompleteCommand(job).variables(result.asVariables()).send().join();
    }

    private void fail(JobClient client, ActivatedJob job, int retries, String message) {
        log.warn("failing job {} ({} retries left): {}", job.getKey(), Math.max(retries, 0), message);
        client.newFailCommand(job)
                .retries(Math.max(retries, 0))
                .retryBackoff(retryBackoff)
                .errorMessage(message)
                .send()
                .join();
    }
}
