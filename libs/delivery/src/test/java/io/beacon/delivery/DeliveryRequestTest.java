package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryRequestTest {

    @Test
    void idempotencyKeyJoinsSourceEventInstanceStepAndChannel() {
        var request = DeliveryRequest.of(Channel.SMS, Map.of("customerId", "C-1", "sourceEventId", "evt-9", "productCode", "P"),
                "journey_a", 42L, "Task_SendSms");

        assertThat(request.idempotencyKey()).isEqualTo("evt-9/42/Task_SendSms/sms");
        assertThat(request.journey()).isEqualTo("journey_a");
        assertThat(request.journeyInstance()).isEqualTo("42");
    }

    @Test
    void refusesAJobWithoutTheSourceEventItMustBeDeduplicatedBy() {
        assertThatThrownBy(() -> DeliveryRequest.of(Channel.SMS, Map.of("customerId", "C-1"), "journey_a", 42L, "Task_SendSms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sourceEventId");
    }
}
