package io.beacon.journeys;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.platform.OutcomePublisher;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration
class JourneysConfiguration {

    /** Deployed before any consumer starts, so the first trigger finds its journey; then the folder is watched. */
    /** Counts running instances where the cluster has a search API (beacon.zeebe.rest-address; not the embedded engine). */
    @Bean
    RunningInstances runningInstances(CamundaClient client, io.beacon.platform.BeaconProperties beacon) {
        return new RunningInstances(client, beacon.zeebe().restAddress() != null);
    }

    @Bean(destroyMethod = "close")
    JourneyDeployment journeyDeployment(CamundaClient client, JourneysProperties properties) {
        var deployment = new JourneyDeployment(client, properties.directory(), new JourneyRules(properties.jobTypes()), Duration.ofMinutes(2));
        deployment.deploy();
        deployment.watch(properties.reloadInterval());
        return deployment;
    }

    @Bean
    JourneyMessages journeyMessages(CamundaClient client, JourneysProperties properties, JourneyDeployment deployment) {
        return new JourneyMessages(client, properties.triggerMessageTtl(), new Holdout(properties.holdoutShare()));
    }

    @Bean
    Consumer<Message<byte[]>> journeyTriggers(JourneyMessages messages) {
        return message -> messages.start(BeaconEvents.data(BeaconEvents.deserialize(message.getPayload()), JourneyTriggered.class));
    }

    /** Consent changes in batches: the opt-outs of a batch reach the engine together. */
    @Bean
    Consumer<List<byte[]>> consentChanges(JourneyMessages messages) {
        return batch -> messages.consentChanged(batch.stream()
                .map(record -> BeaconEvents.data(BeaconEvents.deserialize(record), ConsentChange.class)).toList());
    }

    /** Accepted bank events: only {@code bank.product.purchased} matters here (the conversion wait). */
    @Bean
    Consumer<Message<byte[]>> acceptedEvents(JourneyMessages messages) {
        return message -> messages.acceptedEvent(BeaconEvents.deserialize(message.getPayload()));
    }

    @Bean(destroyMethod = "close")
    JobWorker recordOutcomeWorker(CamundaClient client, OutcomePublisher publisher) {
        var worker = new RecordOutcomeWorker(publisher);
        return client.newWorker().jobType("record-outcome")
                .handler((jobClient, job) -> {
                    worker.handle(job);
                    jobClient.newCompleteCommand(job).send().join();
                })
                .timeout(Duration.ofSeconds(30))
                .open();
    }

    @Bean(destroyMethod = "close")
    JobWorker notDeliveredWorker(CamundaClient client) {
        var worker = new NotDeliveredWorker();
        return client.newWorker().jobType("report-not-delivered").handler(worker::handle).timeout(Duration.ofSeconds(30)).open();
    }
}
