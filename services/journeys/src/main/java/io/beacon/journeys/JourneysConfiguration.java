package io.beacon.journeys;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.JourneyTriggered;
import io.beacon.platform.OutcomePublisher;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import com.mongodb.client.MongoDatabase;
import io.beacon.platform.EventPublisher;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class JourneysConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JourneysConfiguration.class);

    /** Counts running instances where the cluster has a search API (beacon.zeebe.rest-address; not the embedded engine). */
    @Bean
    RunningInstances runningInstances(CamundaClient client, io.beacon.platform.BeaconProperties beacon) {
        return new RunningInstances(client, beacon.zeebe().restAddress() != null);
    }

    /** Deployed before any consumer starts, so the first trigger finds its journey; then the folder is watched. */
    /** The workflows folder as configured, or the journeys of the live release (ADR 0029). */
    @Bean(destroyMethod = "close")
    io.beacon.platform.LiveFolder workflowsFolder(io.beacon.platform.LiveFolders folders, JourneysProperties properties) {
        return folders.folder("workflows", properties.directory());
    }

    @Bean(destroyMethod = "close")
    JourneyDeployment journeyDeployment(CamundaClient client, JourneysProperties properties, EventPublisher publisher,
                                        io.beacon.platform.LiveFolder workflowsFolder) {
        var deployment = new JourneyDeployment(client, workflowsFolder.path(), new JourneyRules(properties.jobTypes()), Duration.ofMinutes(2),
                new JourneyCatalogue(publisher, Clock.systemUTC(), properties.holdoutShare()));
        deployment.deploy();
        deployment.watch(properties.reloadInterval());
        return deployment;
    }

    /** Recognises a new engine and recovers it (ADR 0020): checked before each batch of triggers and every interval. */
    @Bean
    EngineRecovery engineRecovery(CamundaClient client, JourneyDeployment deployment, MongoDatabase database, EventPublisher publisher) {
        return new EngineRecovery(client, deployment, database, publisher, Clock.systemUTC());
    }

    /** The engine checked at start and then every {@code beacon.journeys.engine-check-interval}, also while no trigger comes. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService engineCheck(EngineRecovery engine, JourneysProperties properties) {
        var schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "engine-check");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.engineCheckInterval().toMillis();
        schedule.scheduleWithFixedDelay(() -> {
            try {
                engine.ensureCurrent();
            } catch (RuntimeException e) {
                log.warn("engine check failed, trying again in {} ms: {}", every, e.getMessage());
            }
        }, 0, every, TimeUnit.MILLISECONDS);
        return schedule;
    }

    @Bean
    JourneyMessages journeyMessages(CamundaClient client, JourneysProperties properties, EngineRecovery engine, JourneyDeployment deployment) {
        return new JourneyMessages(client, properties.triggerMessageTtl(),
                new Holdout(properties.holdoutShare(), properties.globalControlShare()), engine, properties.startPatience(),
                deployment::startedBy);
    }

    /** Triggers in batches (at most the binding's max.poll.records): the starts of a batch reach the engine together. */
    @Bean
    Consumer<List<byte[]>> journeyTriggers(JourneyMessages messages) {
        return batch -> messages.startAll(batch.stream()
                .map(record -> BeaconEvents.data(BeaconEvents.deserialize(record), JourneyTriggered.class)).toList());
    }

    /** Consent changes in batches: the opt-outs of a batch reach the engine together. */
    @Bean
    Consumer<List<byte[]>> consentChanges(JourneyMessages messages) {
        return batch -> messages.consentChanged(batch.stream()
                .map(record -> BeaconEvents.data(BeaconEvents.deserialize(record), ConsentChange.class)).toList());
    }

    /** Accepted bank events in batches: only {@code bank.product.purchased} matters here (the conversion wait). */
    @Bean
    Consumer<List<byte[]>> acceptedEvents(JourneyMessages messages) {
        return batch -> messages.acceptedEvents(batch.stream().map(BeaconEvents::deserialize).toList());
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
