package io.beacon.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.platform.OutcomePublisher;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** A conversion says what it is worth, who it was measured on, and which send (channel, content variant) it follows. */
class RecordOutcomeWorkerTest {

    private final OutcomePublisher publisher = mock(OutcomePublisher.class);
    private final RecordOutcomeWorker worker = new RecordOutcomeWorker(publisher);

    private OfferOutcome record(String step, Map<String, Object> extra) {
        ActivatedJob job = mock(ActivatedJob.class);
        var vars = new HashMap<String, Object>(Map.of("customerId", "C1", "trigger", "SalaryCredited", "productCode", "EASY_SAVER",
                "sourceEventId", "evt-1", "decisionId", "d-1", "stage", "attract", "offerValue", 40.0));
        vars.putAll(extra);
        when(job.getVariablesAsMap()).thenReturn(vars);
        when(job.getBpmnProcessId()).thenReturn("first-salary");
        when(job.getProcessInstanceKey()).thenReturn(42L);
        when(job.getElementId()).thenReturn(step);
        when(job.getProcessDefinitionVersion()).thenReturn(3);
        when(job.getCustomHeaders()).thenReturn(Map.of("outcome", "CONVERTED"));
        worker.handle(job);
        var captured = ArgumentCaptor.forClass(OfferOutcome.class);
        verify(publisher).publish(captured.capture());
        return captured.getValue();
    }

    @Test
    void aTreatedConversionCarriesTheSendsChannelAndVariantAndTheOffersValue() {
        var converted = record("Task_RecordConverted", Map.of("group", "TREATMENT", "holdout", false,
                "delivery", Map.of("channel", "sms", "status", "SENT", "variant", "easy-saver-sms-goal/goal")));

        assertThat(converted.type()).isEqualTo(OutcomeType.CONVERTED);
        assertThat(converted.channel()).isEqualTo("sms");
        assertThat(converted.variant()).isEqualTo("easy-saver-sms-goal/goal");
        assertThat(converted.value()).isEqualTo(40.0);
        assertThat(converted.group()).isEqualTo(MeasurementGroup.TREATMENT);
        assertThat(converted.journeyVersion()).isEqualTo(3);
    }

    @Test
    void aHeldOutConversionHasNoChannelAndKeepsItsGroup() {
        var converted = record("Task_RecordHeldOutConverted", Map.of("group", "GLOBAL_CONTROL", "holdout", true));

        assertThat(converted.channel()).isNull();
        assertThat(converted.variant()).isNull();
        assertThat(converted.group()).isEqualTo(MeasurementGroup.GLOBAL_CONTROL);
        assertThat(converted.value()).isEqualTo(40.0);
    }
}
