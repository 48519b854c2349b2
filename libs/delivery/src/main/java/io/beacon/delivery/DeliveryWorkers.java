package io.beacon.delivery;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.List;

/**
 * Opens a sender's job worker. Declare it as a bean with {@code destroyMethod = "close"}: closing it on shutdown hands
 * unfinished jobs back.
 */
public final class DeliveryWorkers {

    // Named, not all: a journey's other variables have no business in a sender.
    private static final List<String> FETCH_VARIABLES =
            List.of("customerId", "productCode", "trigger", "journey", "sourceEventId", "decisionId", "personalNote", "stage");

    private DeliveryWorkers() {
    }

    /**
     * @param timeout the lease on a job; longer than the provider's retries and timeouts together, or a second worker
     *                could take over a send that is still running
     */
    public static JobWorker open(CamundaClient camunda, DeliveryJobHandler handler, String name, Duration timeout, int maxJobsActive) {
        return camunda.newWorker()
                .jobType(handler.jobType())
                .handler(handler)
                .name(name)
                .timeout(timeout)
                .maxJobsActive(maxJobsActive)
                .fetchVariables(FETCH_VARIABLES)
                .open();
    }
}
