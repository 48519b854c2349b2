package io.beacon.decisioning.zeebe;

import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The journey steps decisioning owns, as Zeebe job workers: {@code check-suitability} ({@link SuitabilityStep}) and
 * {@code check-contact-policy} ({@link ContactPolicyStep}). Thin glue: variables in, the step, variables out.
 */
public class JourneyWorkers implements AutoCloseable {

    private final List<JobWorker> workers = new ArrayList<>();

    public JourneyWorkers(CamundaClient client, SuitabilityStep suitability, ContactPolicyStep contactPolicy) {
        workers.add(client.newWorker().jobType("check-suitability").handler((jobClient, job) ->
                jobClient.newCompleteCommand(job).variables(suitability.check(job)).send().join()).timeout(Duration.ofSeconds(30)).open());
        workers.add(client.newWorker().jobType("check-contact-policy").handler((jobClient, job) ->
                jobClient.newCompleteCommand(job).variables(contactPolicy.check(job)).send().join()).timeout(Duration.ofSeconds(30)).open());
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

    /** The customer's profile as decisions see it; null when profiles knows no such customer. */
    static ProfileSnapshot profileOrNull(ProfilesApi profiles, String customerId) {
        try {
            return profiles.profile(customerId);
        } catch (ApiProblem.NotFound noProfile) {
            return null;
        }
    }

    @Override
    public void close() {
        workers.forEach(JobWorker::close);
    }
}
