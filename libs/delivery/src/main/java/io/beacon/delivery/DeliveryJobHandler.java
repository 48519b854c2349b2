package io.beacon.delivery;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glue for one channel's send jobs ({@code send-sms}, {@code send-email}, {@code send-push}): variables in,
 * {@code delivery} out, and a failed job whenever the send cannot end.
 */
public class DeliveryJobHandler implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(DeliveryJobHandler.class);

    /** The BPMN send task's header that names the template (required by the journey lint on every send task). */
    public static final String TEMPLATE_HEADER = "template";

    private final String jobType;
    private final Channel channel;
    private final ChannelDelivery delivery;
    private final Duration retryBackoff;
    private ContentExperiments experiments = ContentExperiments.of();
    private LiveTemplates templates;

    public DeliveryJobHandler(String jobType, Channel channel, ChannelDelivery delivery, Duration retryBackoff) {
        this.jobType = jobType;
        this.channel = channel;
        this.delivery = delivery;
        this.retryBackoff = retryBackoff;
    }

    /** The running content experiments (ADR 0025); Spring injects them into every sender, a handler built by hand runs none. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void useExperiments(ContentExperiments experiments) {
        this.experiments = experiments;
    }

    /**
     * The channel's templates serving now (ADR 0027): a step's {@code template} header is checked against them before
     * anything is sent. Spring injects them into every sender; a handler built by hand checks no header.
     */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void useTemplates(LiveTemplates templates) {
        this.templates = templates;
    }

    public String jobType() {
        return jobType;
    }

    @Override
    public void handle(JobClient client, ActivatedJob job) {
        DeliveryRequest request;
        try {
            request = DeliveryRequest.of(channel, job.getVariablesAsMap(), job.getBpmnProcessId(), job.getProcessDefinitionVersion(),
                    job.getProcessInstanceKey(), job.getElementId());
            request = request.withTemplate(job.getCustomHeaders() == null ? null : job.getCustomHeaders().get(TEMPLATE_HEADER));
        } catch (IllegalArgumentException e) {
            // Retrying cannot add a missing variable: raise the incident now so someone fixes the journey.
            fail(client, job, 0, jobType + " job of " + job.getBpmnProcessId() + "/" + job.getElementId() + " is malformed: " + e.getMessage());
            return;
        }
        if (templates != null && request.template() != null) {
            var refused = templates.current().refused(request.template(), request.productCode());
            if (refused.isPresent()) {
                // Never a silent fallback to another text: the journey or the content is wrong, and someone must fix it.
                fail(client, job, 0, jobType + " job of " + job.getBpmnProcessId() + "/" + job.getElementId() + " names template '"
                        + request.template() + "', which cannot be sent: " + refused.get());
                return;
            }
        }
        // An experiment varies the offer's own message only; a step's own template is sent as written (ADR 0027).
        if (templates == null || templates.current().variesWithExperiments(request.template(), request.productCode())) {
            request = experiments.assign(request);
        }
        DeliveryResult result;
        try {
            result = delivery.deliver(request);
        } catch (DeliveryDeferredException e) {
            int retriesLeft = e.countsAsAttempt() ? job.getRetries() - 1 : job.getRetries();
            if (retriesLeft <= 0 && !e.mayHaveSent()) {
                // the channel is exhausted and nothing left: FAILED, and the journey takes the customer's next channel
                try {
                    result = delivery.giveUp(request, e.getMessage());
                } catch (RuntimeException recordFailed) {
                    fail(client, job, 0, e.getMessage() + "; giving up failed too: " + recordFailed.getMessage());
                    return;
                }
                client.newCompleteCommand(job).variables(result.asVariables(channel, request.variant())).send().join();
                return;
            }
            // A provider's Retry-After longer than the usual back-off is honoured by Zeebe's wait, not by a busy worker.
            Duration wait = e.notBefore().filter(notBefore -> notBefore.compareTo(retryBackoff) > 0).orElse(retryBackoff);
            fail(client, job, retriesLeft, e.getMessage(), wait);
            return;
        } catch (RuntimeException e) {
            log.error("{} {} failed unexpectedly", channel.label(), request.idempotencyKey(), e);
            fail(client, job, job.getRetries() - 1, channel.label() + " " + request.idempotencyKey() + " failed unexpectedly: " + e);
            return;
        }
        // If this complete is lost, the redelivered job finds the ledger record and completes with the same result.
        client.newCompleteCommand(job).variables(result.asVariables(channel, request.variant())).send().join();
    }

    private void fail(JobClient client, ActivatedJob job, int retries, String message) {
        fail(client, job, retries, message, retryBackoff);
    }

    private void fail(JobClient client, ActivatedJob job, int retries, String message, Duration backoff) {
        log.warn("failing job {} ({} retries left): {}", job.getKey(), Math.max(retries, 0), message);
        client.newFailCommand(job)
                .retries(Math.max(retries, 0))
                .retryBackoff(backoff)
                .errorMessage(message)
                .send()
                .join();
    }
}
