package io.beacon.decisioning.zeebe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the contact policy decides for a channel is an outcome of its own, labelled like every journey outcome: a send
 * moved past quiet hours (with its new time), and a channel refused (with its reason), each channel apart.
 */
class ContactPolicyOutcomesTest {

    private static ActivatedJob job() {
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getVariablesAsMap()).thenReturn(Map.of("customerId", "C1", "trigger", "SalaryCredited", "productCode", "EASY_SAVER",
                "sourceEventId", "evt-1", "decisionId", "d-1", "stage", "attract"));
        when(job.getBpmnProcessId()).thenReturn("first-salary");
        when(job.getProcessInstanceKey()).thenReturn(2251799813685249L);
        when(job.getElementId()).thenReturn("Task_CheckContactPolicy");
        when(job.getProcessDefinitionVersion()).thenReturn(4);
        return job;
    }

    @Test
    void eachRefusedChannelIsItsOwnSuppressedOutcomeWithItsReason() {
        ActivatedJob job = job();
        Instant now = Instant.parse("2026-12-04T12:00:00Z");

        var sms = ContactPolicyStep.refused(job, "sms", ReasonCode.NO_CONSENT, now);
        var push = ContactPolicyStep.refused(job, "push", ReasonCode.FREQUENCY_CAP, now);

        assertThat(sms.type()).isEqualTo(OutcomeType.SUPPRESSED);
        assertThat(sms.reason()).isEqualTo(ReasonCode.NO_CONSENT);
        assertThat(push.reason()).isEqualTo(ReasonCode.FREQUENCY_CAP);
        assertThat(sms.eventId()).isNotEqualTo(push.eventId()).endsWith("/Task_CheckContactPolicy/sms/SUPPRESSED");
        assertThat(sms.stage()).isEqualTo("attract");
        assertThat(sms.journeyVersion()).isEqualTo(4);
        // a channel's refusal does not end the journey: it tries the next channel
        assertThat(sms.endsJourney()).isFalse();
    }

    @Test
    void aDeferralNamesTheJourneyStepChannelAndTheNewSendTime() {
        ActivatedJob job = job();
        Instant now = Instant.parse("2026-12-04T22:30:00Z");
        Instant sendAt = Instant.parse("2026-12-05T08:00:00Z");

        var outcome = ContactPolicyStep.deferred(job, "sms", sendAt, now);

        assertThat(outcome.type()).isEqualTo(OutcomeType.DEFERRED);
        assertThat(outcome.reason()).isEqualTo(ReasonCode.QUIET_HOURS_DEFERRED);
        assertThat(outcome.sendAt()).isEqualTo(sendAt);
        assertThat(outcome.channel()).isEqualTo("sms");
        assertThat(outcome.journey()).isEqualTo("first-salary");
        assertThat(outcome.journeyVersion()).isEqualTo(4);
        assertThat(outcome.stage()).isEqualTo("attract");
        assertThat(outcome.step()).isEqualTo("Task_CheckContactPolicy");
        // a retried job publishes the same event id: the console keeps one
        assertThat(outcome.eventId()).isEqualTo(ContactPolicyStep.deferred(job, "sms", sendAt, now.plusSeconds(5)).eventId())
                .isEqualTo("evt-1/2251799813685249/Task_CheckContactPolicy/sms/DEFERRED");
    }
}
