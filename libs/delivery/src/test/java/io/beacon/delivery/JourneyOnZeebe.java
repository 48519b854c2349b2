package io.beacon.delivery;

import static org.awaitility.Awaitility.await;

import io.beacon.testkit.LocalInfrastructure;
import io.beacon.testkit.RepositoryLayout;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real journey ({@value #JOURNEY}: the customer's channels in order, each falling back to the next when its send is
 * not SENT) on the real Zeebe engine of infra/local, for a sender's test: the sender under test serves its own send
 * jobs; every other job of the journey is answered here (suitable, contact allowed now) and recorded, and so are the
 * other channels' sends, which stand for a fallback message reaching the customer. Each test ends its journey with the
 * customer's purchase, so the next one can start for the same customer.
 */
public final class JourneyOnZeebe implements AutoCloseable {

    /** SMS, push and email in the customer's order ({@code channels}), each falling back to the next. */
    public static final String JOURNEY = "first-salary";
    public static final String TRIGGER = "SalaryCredited";
    public static final String PRODUCT = "EASY_SAVER";

    private final LocalInfrastructure infra = LocalInfrastructure.shared();
    private final CamundaClient client;
    private final List<JobWorker> workers = new ArrayList<>();
    private final Map<String, List<Map<String, Object>>> jobs = new ConcurrentHashMap<>();

    private JourneyOnZeebe(Channel underTest) {
        client = CamundaClient.newClientBuilder().grpcAddress(URI.create(infra.zeebeGrpc())).preferRestOverGrpc(false).build();
        client.newDeployResourceCommand().addResourceFile(RepositoryLayout.root().resolve("workflows/" + JOURNEY + ".bpmn").toString())
                .send().join();
        answer("check-suitability", job -> Map.of("suitability", Map.of("suitable", true)));
        answer("check-contact-policy", job -> Map.of("contactPolicy", Map.of("allowed", true, "channel", job.getVariable("channel"),
                "sendAt", infra.engineNow().toString(), "deferred", false)));
        answer("record-outcome", job -> Map.of());
        answer("report-not-delivered", job -> Map.of());
        for (Channel other : Channel.values()) {
            if (other != underTest) {
                answer("send-" + other.id(), job -> Map.of("delivery", Map.of("channel", other.id(), "status", "SENT")));
            }
        }
    }

    /** The journey deployed and every job but {@code underTest}'s sends answered. */
    public static JourneyOnZeebe forSender(Channel underTest) {
        return new JourneyOnZeebe(underTest);
    }

    /** The sender under test on its own send jobs, as its service opens it (a short lease: the tests' timeouts are short). */
    public void serve(DeliveryJobHandler sender) {
        workers.add(DeliveryWorkers.open(client, sender, "sender-under-test", Duration.ofSeconds(30), 4));
    }

    /** Starts the journey as the journeys service does, with the customer's channels in this order. */
    public void start(String customerId, String sourceEventId, List<String> channels) {
        var variables = new HashMap<String, Object>(Map.of("customerId", customerId, "trigger", TRIGGER, "productCode", PRODUCT,
                "sourceEventId", sourceEventId, "decisionId", "d-" + sourceEventId, "rulesVersion", "test", "holdout", false,
                "channels", channels));
        client.newPublishMessageCommand().messageName(TRIGGER).correlationKey(customerId).messageId(sourceEventId)
                .timeToLive(Duration.ofMinutes(5)).variables(variables).send().join();
    }

    /**
     * Waits until the journey takes the sent path: it waits for the conversion, so a purchase (published until it is
     * caught) records CONVERTED, and the journey ends. Returns the {@code delivery} the journey converted on.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> awaitConverted(String customerId, String sourceEventId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (converted(sourceEventId) == null) {
                client.newPublishMessageCommand().messageName("ProductPurchased").correlationKey(customerId + ":" + PRODUCT)
                        .timeToLive(Duration.ZERO).variables(Map.of("purchasedAt", java.time.Instant.now().toString())).send().join();
            }
            return converted(sourceEventId) != null;
        });
        return (Map<String, Object>) converted(sourceEventId).get("delivery");
    }

    /** How many times the journey asked for a send on this channel, for this bank event. */
    public long sendsOn(Channel channel, String sourceEventId) {
        return jobs("send-" + channel.id()).stream().filter(v -> sourceEventId.equals(v.get("sourceEventId"))).count();
    }

    /** The contact policy checks of this bank event, channel by channel: one per channel the journey tried. */
    public List<Object> channelsTried(String sourceEventId) {
        return jobs("check-contact-policy").stream().filter(v -> sourceEventId.equals(v.get("sourceEventId")))
                .map(v -> v.get("channel")).toList();
    }

    private Map<String, Object> converted(String sourceEventId) {
        return jobs("record-outcome").stream()
                .filter(v -> sourceEventId.equals(v.get("sourceEventId")) && "CONVERTED".equals(v.get("__outcome")))
                .findFirst().orElse(null);
    }

    private List<Map<String, Object>> jobs(String type) {
        return jobs.getOrDefault(type, List.of());
    }

    private interface Answer {
        Map<String, Object> variables(ActivatedJob job);
    }

    private void answer(String type, Answer answer) {
        workers.add(client.newWorker().jobType(type).handler((jobClient, job) -> {
            var seen = new HashMap<>(job.getVariablesAsMap());
            seen.put("__outcome", job.getCustomHeaders().get("outcome"));
            jobs.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(seen);
            jobClient.newCompleteCommand(job).variables(answer.variables(job)).send().join();
        }).pollInterval(Duration.ofMillis(100)).open());
    }

    @Override
    public void close() {
        workers.forEach(JobWorker::close);
        client.close();
    }
}
