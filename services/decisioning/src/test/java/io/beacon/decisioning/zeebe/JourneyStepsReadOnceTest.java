package io.beacon.decisioning.zeebe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.Json;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.mongo.DecisionRecords;
import io.beacon.decisioning.mongo.FrequencyCapStore;
import io.beacon.decisioning.policy.ContactPolicy;
import io.beacon.decisioning.policy.FrequencyCaps;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentDecision;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.OutcomePublisher;
import io.camunda.client.api.response.ActivatedJob;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journey steps read each fact once (ADR 0030): suitability is taken from the decision that started the journey
 * right after it and decided again after a wait; the contact policy plans quiet hours from the time zone the decision
 * read; neither asks profiles when the journey carries what it needs.
 */
class JourneyStepsReadOnceTest {

    static RuleBase rules;

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private DecisionRecords records;
    private final ProfilesApi profiles = mock(ProfilesApi.class);
    private final ConsentApi consent = mock(ConsentApi.class);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeAll
    static void loadRules() {
        rules = RuleBase.load(Path.of("../../rules"));
    }

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        records = new DecisionRecords(client.getDatabase("test"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private SuitabilityStep suitability() {
        return new SuitabilityStep(new Decisioning(rules), records, profiles, Duration.ofSeconds(60), clock);
    }

    @Test
    void rightAfterItsDecisionTheJourneyTakesTheDecisionsSuitabilityAndPointsItsEvidenceThere() {
        var job = job("Task_CheckSuitability", Map.of("decidedAt", NOW.minusSeconds(2).toString(), "decisionId", "decision-1",
                "rulesVersion", "rules-7"));

        Map<String, Object> result = suitability().check(job);

        assertThat(suitabilityOf(result)).containsEntry("suitable", true).containsEntry("rulesVersion", "rules-7")
                .containsEntry("decidedIn", "decision-1");
        verify(profiles, never()).profile(anyString());
        Document evidence = records.evidenceOf("C-1").getFirst();
        assertThat(evidence.getString("result")).isEqualTo("SUITABLE");
        assertThat(evidence.getString("decidedIn")).isEqualTo("decision-1");
    }

    @Test
    void afterAWaitTheJourneyDecidesAgainOnTheProfileAsItIsThen() throws Exception {
        // decided two hours ago; since then the profile says the customer is a minor
        when(profiles.profile("C-1")).thenReturn(profile("{\"customerId\":\"C-1\",\"birthDate\":\"2012-01-01\",\"country\":\"GB\"}"));
        var job = job("Task_CheckSuitability", Map.of("decidedAt", NOW.minus(Duration.ofHours(2)).toString(), "decisionId", "decision-1",
                "rulesVersion", "rules-7"));

        Map<String, Object> result = suitability().check(job);

        assertThat(suitabilityOf(result)).containsEntry("suitable", false).doesNotContainKey("decidedIn");
        assertThat(suitabilityOf(result).get("reason")).isNotNull();
        verify(profiles, times(1)).profile("C-1");
        assertThat(records.evidenceOf("C-1").getFirst().getString("result")).isEqualTo("UNSUITABLE");
    }

    @Test
    void aJourneyStartedWithoutItsDecisionTimeDecidesWithTheProfile() throws Exception {
        when(profiles.profile("C-1")).thenReturn(profile("{\"customerId\":\"C-1\",\"birthDate\":\"1985-05-05\",\"country\":\"GB\"}"));

        Map<String, Object> result = suitability().check(job("Task_CheckSuitability", Map.of()));

        assertThat(suitabilityOf(result)).containsEntry("suitable", true);
        verify(profiles, times(1)).profile("C-1");
    }

    @Test
    void theContactPolicyPlansQuietHoursInTheTimeZoneTheDecisionReadWithoutAskingProfiles() {
        when(consent.check("C-1", "sms", "marketing")).thenReturn(new ConsentDecision(true, null));
        var step = contactPolicy();
        // 12:00 UTC is 21:30 in Adelaide (+10:30): past the 21:00 start of quiet hours there
        var job = job("Task_CheckContactPolicy", Map.of("channel", "sms", "timeZone", "Australia/Adelaide"));

        @SuppressWarnings("unchecked")
        var policy = (Map<String, Object>) step.check(job).get("contactPolicy");

        assertThat(policy).containsEntry("allowed", true).containsEntry("deferred", true).containsEntry("reason", "QUIET_HOURS_DEFERRED");
        verify(profiles, never()).profile(anyString());
    }

    @Test
    void theContactPolicyReadsConsentOnceAndPassesItsReasonOn() {
        when(consent.check("C-1", "sms", "marketing")).thenReturn(new ConsentDecision(false, ReasonCode.OPTED_OUT));

        @SuppressWarnings("unchecked")
        var policy = (Map<String, Object>) contactPolicy().check(job("Task_CheckContactPolicy", Map.of("channel", "sms", "timeZone", "Europe/London")))
                .get("contactPolicy");

        assertThat(policy).containsEntry("allowed", false).containsEntry("reason", "OPTED_OUT");
        verify(consent, times(1)).check(eq("C-1"), eq("sms"), eq("marketing"));
    }

    private ContactPolicyStep contactPolicy() {
        EventPublisher publisher = mock(EventPublisher.class);
        org.mockito.Mockito.doReturn(CompletableFuture.completedFuture(null)).when(publisher).publish(anyString(), anyString(), any());
        var policy = new ContactPolicy(LocalTime.of(21, 0), LocalTime.of(8, 0), java.time.ZoneId.of("Europe/London"));
        var caps = new FrequencyCaps(new FrequencyCapStore(client.getDatabase("test")), 1, 3);
        return new ContactPolicyStep(policy, caps, profiles, consent, new OutcomePublisher(publisher, "/beacon/decisioning"), clock);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> suitabilityOf(Map<String, Object> result) {
        return (Map<String, Object>) result.get("suitability");
    }

    private static ProfileSnapshot profile(String json) throws Exception {
        return Json.mapper().readValue(json, ProfileSnapshot.class);
    }

    private static ActivatedJob job(String element, Map<String, Object> extra) {
        var variables = new HashMap<String, Object>(Map.of("customerId", "C-1", "productCode", "EASY_SAVER", "trigger", "SalaryCredited",
                "sourceEventId", "evt-1"));
        variables.putAll(extra);
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getVariablesAsMap()).thenReturn(variables);
        when(job.getBpmnProcessId()).thenReturn("first-salary");
        when(job.getElementId()).thenReturn(element);
        when(job.getProcessInstanceKey()).thenReturn(2251799813685249L);
        when(job.getProcessDefinitionVersion()).thenReturn(1);
        return job;
    }
}
