package io.beacon.decisioning.zeebe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evidence and frequency-cap slots are keyed by the journey run, not the engine's instance key (ADR 0020). */
class JourneyStepKeyTest {

    @Test
    void aJourneyReCreatedOnANewEngineKeepsItsStepKeys_andAnotherJourneyWithTheOldInstanceKeyGetsItsOwn() {
        var lost = job(2251799813685301L, "first-salary", "Task_CheckContactPolicy", "evt-1");
        var recreated = job(2251799813685877L, "first-salary", "Task_CheckContactPolicy", "evt-1");
        // a new engine counts instance keys from the start again: another customer's journey gets the lost one's key
        var another = job(2251799813685301L, "first-salary", "Task_CheckContactPolicy", "evt-2");

        assertThat(JourneyWorkers.stepKey(recreated)).isEqualTo(JourneyWorkers.stepKey(lost)).isEqualTo("evt-1/first-salary/Task_CheckContactPolicy");
        assertThat(JourneyWorkers.stepKey(another)).isNotEqualTo(JourneyWorkers.stepKey(lost));
    }

    @Test
    void aJobWithoutItsTriggersEventIsKeyedByItsInstance() {
        assertThat(JourneyWorkers.stepKey(job(42L, "by-hand", "Task_CheckSuitability", null))).isEqualTo("42/Task_CheckSuitability");
    }

    private static ActivatedJob job(long instance, String journey, String element, String sourceEventId) {
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getProcessInstanceKey()).thenReturn(instance);
        when(job.getBpmnProcessId()).thenReturn(journey);
        when(job.getElementId()).thenReturn(element);
        when(job.getVariablesAsMap()).thenReturn(sourceEventId == null ? Map.of() : Map.of("sourceEventId", sourceEventId));
        return job;
    }
}
