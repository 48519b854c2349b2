package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryRequestTest {

    @Test
    void idempotencyKeyJoinsSourceEventJourneyStepAndChannel_notTheEnginesInstanceKey() {
        var request = DeliveryRequest.of(Channel.SMS, Map.of("customerId", "C-1", "sourceEventId", "evt-9", "productCode", "P"),
                "journey_a", 42L, "Task_SendSms");

        assertThat(request.idempotencyKey()).isEqualTo("evt-9/journey_a/Task_SendSms/sms");
        assertThat(request.journey()).isEqualTo("journey_a");
        assertThat(request.journeyInstance()).isEqualTo("42");
    }

    @Test
    void aJourneyReCreatedInANewInstanceSendsUnderTheSameKey() {
        Map<String, Object> variables = Map.of("customerId", "C-1", "sourceEventId", "evt-9", "productCode", "P");
        var lost = DeliveryRequest.of(Channel.SMS, variables, "first-salary", 2251799813685301L, "Task_SendSms");
        var recreated = DeliveryRequest.of(Channel.SMS, variables, "first-salary", 2251799813685877L, "Task_SendSms");

        assertThat(recreated.idempotencyKey()).isEqualTo(lost.idempotencyKey());
        assertThat(DeliveryRequest.of(Channel.SMS, variables, "welcome-onboarding", 2251799813685301L, "Task_SendSms").idempotencyKey())
                .as("another journey of the same event").isNotEqualTo(lost.idempotencyKey());
    }

    @Test
    void theSendsOutcomeCarriesTheJourneyItsVersionAndStage() {
        var request = DeliveryRequest.of(Channel.EMAIL, Map.of("customerId", "C-1", "sourceEventId", "evt-9", "productCode", "P",
                "trigger", "SalaryCredited", "decisionId", "d-1", "stage", "attract"), "first-salary", 3, 42L, "Task_SendEmail");

        var outcome = request.outcome(io.beacon.contracts.OutcomeType.SENT, null, null, java.time.Instant.parse("2026-12-05T09:00:00Z"));

        assertThat(outcome.journey()).isEqualTo("first-salary");
        assertThat(outcome.journeyVersion()).isEqualTo(3);
        assertThat(outcome.stage()).isEqualTo("attract");
        assertThat(outcome.channel()).isEqualTo("email");
        assertThat(outcome.step()).isEqualTo("Task_SendEmail");
        assertThat(outcome.eventId()).isEqualTo("evt-9/42/Task_SendEmail/email/SENT");
    }

    @Test
    void refusesAJobWithoutTheSourceEventItMustBeDeduplicatedBy() {
        assertThatThrownBy(() -> DeliveryRequest.of(Channel.SMS, Map.of("customerId", "C-1"), "journey_a", 42L, "Task_SendSms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sourceEventId");
    }
}
