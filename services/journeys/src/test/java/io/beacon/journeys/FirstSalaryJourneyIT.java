package io.beacon.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.beacon.testkit.LocalInfrastructure;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first-salary journey on the real Zeebe engine (in the local-infrastructure JVM), with the workers replaced by
 * test workers that answer per customer: every path of the BPMN, the opt-out while waiting, and a replayed trigger.
 */
class FirstSalaryJourneyIT {

    private static CamundaClient client;
    private static final List<JobWorker> workers = new ArrayList<>();
    private static final Map<String, List<String>> calls = new ConcurrentHashMap<>();
    private static final List<Map<String, Object>> outcomes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void deployAndStartWorkers() {
        var infra = LocalInfrastructure.shared();
        client = CamundaClient.newClientBuilder().grpcAddress(URI.create(infra.zeebeGrpc())).preferRestOverGrpc(false).build();
        JourneyDeployment.deployAll(client, Path.of("../../workflows"));
        worker("check-suitability", job -> Map.of("suitability", Map.of("suitable", !customer(job).startsWith("UNSUITABLE"),
                "reason", customer(job).startsWith("UNSUITABLE") ? "UNSUITABLE_RISK" : "")));
        worker("check-contact-policy", job -> {
            String customer = customer(job);
            boolean allowed = !customer.startsWith("NOCONSENT");
            Instant sendAt = customer.startsWith("QUIET") ? Instant.now().plus(Duration.ofHours(8)) : Instant.now();
            return Map.of("contactPolicy", allowed
                    ? Map.of("allowed", true, "channel", job.getVariable("channel"), "sendAt", sendAt.toString())
                    : Map.of("allowed", false, "channel", job.getVariable("channel"), "reason", "NO_CONSENT"));
        });
        worker("send-sms", job -> Map.of("delivery", Map.of("channel", "sms", "status", "SENT")));
        worker("record-outcome", job -> {
            outcomes.add(Map.of("customerId", customer(job), "outcome", job.getCustomHeaders().get("outcome"),
                    "reason", String.valueOf(job.getVariablesAsMap().get("outcomeReason")), "step", job.getElementId()));
            return Map.of();
        });
    }

    @AfterAll
    static void stop() {
        workers.forEach(JobWorker::close);
        if (client != null) {
            client.close();
        }
    }

    @Test
    void suitableConsentingCustomerGetsTheSms() {
        start("HAPPY-1", "evt-happy-1");

        await().atMost(Duration.ofSeconds(30)).until(() -> calls("send-sms").contains("HAPPY-1"));
        assertThat(calls("check-contact-policy")).contains("HAPPY-1");
    }

    @Test
    void unsuitableCustomerIsSuppressedWithTheReasonAndGetsNothing() {
        start("UNSUITABLE-1", "evt-unsuitable-1");

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomeOf("UNSUITABLE-1") != null);
        assertThat(outcomeOf("UNSUITABLE-1")).containsEntry("outcome", "SUPPRESSED").containsEntry("reason", "UNSUITABLE_RISK")
                .containsEntry("step", "Task_RecordUnsuitable");
        assertThat(calls("check-contact-policy")).doesNotContain("UNSUITABLE-1");
        assertThat(calls("send-sms")).doesNotContain("UNSUITABLE-1");
    }

    @Test
    void customerWithoutConsentIsSuppressedWithNoConsent() {
        start("NOCONSENT-1", "evt-noconsent-1");

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomeOf("NOCONSENT-1") != null);
        assertThat(outcomeOf("NOCONSENT-1")).containsEntry("outcome", "SUPPRESSED").containsEntry("reason", "NO_CONSENT");
        assertThat(calls("send-sms")).doesNotContain("NOCONSENT-1");
    }

    @Test
    void optOutWhileWaitingForQuietHoursToEndInterruptsTheJourney() throws Exception {
        start("QUIET-1", "evt-quiet-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> calls("check-contact-policy").contains("QUIET-1"));
        Thread.sleep(1_000);

        client.newPublishMessageCommand().messageName(JourneyMessages.CONSENT_WITHDRAWN).correlationKey("QUIET-1")
                .timeToLive(Duration.ZERO).send().join();

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomeOf("QUIET-1") != null);
        assertThat(outcomeOf("QUIET-1")).containsEntry("outcome", "OPTED_OUT").containsEntry("step", "Task_RecordOptedOut");
        assertThat(calls("send-sms")).doesNotContain("QUIET-1");
    }

    @Test
    void replayedTriggerWithTheSameEventIdStartsNothing() throws Exception {
        start("REPLAY-1", "evt-replay-1");

        assertThatThrownBy(() -> start("REPLAY-1", "evt-replay-1"))
                .isInstanceOfSatisfying(ClientStatusException.class, e -> assertThat(e.getStatusCode().name()).isEqualTo("ALREADY_EXISTS"));
        await().atMost(Duration.ofSeconds(30)).until(() -> calls("send-sms").contains("REPLAY-1"));
        Thread.sleep(2_000);
        assertThat(calls("check-suitability").stream().filter("REPLAY-1"::equals)).hasSize(1);
    }

    private static void start(String customerId, String eventId) {
        client.newPublishMessageCommand().messageName("SalaryCredited").correlationKey(customerId).messageId(eventId)
                .timeToLive(Duration.ofMinutes(10))
                .variables(Map.of("customerId", customerId, "trigger", "SalaryCredited", "productCode", "EASY_SAVER",
                        "sourceEventId", eventId, "decisionId", "d-" + eventId))
                .send().join();
    }

    private interface Answer {
        Map<String, Object> variables(ActivatedJob job);
    }

    private static void worker(String type, Answer answer) {
        workers.add(client.newWorker().jobType(type).handler((jobClient, job) -> {
            calls.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(customer(job));
            jobClient.newCompleteCommand(job).variables(answer.variables(job)).send().join();
        }).pollInterval(Duration.ofMillis(100)).open());
    }

    private static List<String> calls(String type) {
        return calls.getOrDefault(type, List.of());
    }

    private static Map<String, Object> outcomeOf(String customer) {
        return outcomes.stream().filter(o -> customer.equals(o.get("customerId"))).findFirst().orElse(null);
    }

    private static String customer(ActivatedJob job) {
        return String.valueOf(job.getVariable("customerId"));
    }
}
