package io.beacon.delivery;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.beacon.contracts.ReasonCode;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.CompleteJobCommandStep1;
import io.camunda.client.api.command.FailJobCommandStep1;
import io.camunda.client.api.command.FailJobCommandStep1.FailJobCommandStep2;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryJobHandlerTest {

    private final ChannelDelivery delivery = mock(ChannelDelivery.class);
    private final DeliveryJobHandler handler = new DeliveryJobHandler("send-sms", Channel.SMS, delivery, Duration.ofSeconds(30));
    private final JobClient client = mock(JobClient.class);
    private final ActivatedJob job = mock(ActivatedJob.class);
    private final CompleteJobCommandStep1 complete = mock(CompleteJobCommandStep1.class, RETURNS_SELF);
    private final FailJobCommandStep1 fail = mock(FailJobCommandStep1.class);
    private final FailJobCommandStep2 failWithRetries = mock(FailJobCommandStep2.class, RETURNS_SELF);

    @BeforeEach
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aSendSmsJob() {
        when(job.getKey()).thenReturn(7L);
        when(job.getRetries()).thenReturn(3);
        when(job.getBpmnProcessId()).thenReturn("journey_salary_credited");
        when(job.getProcessInstanceKey()).thenReturn(2251799813685249L);
        when(job.getElementId()).thenReturn("Task_SendSmsOffer");
        when(job.getVariablesAsMap()).thenReturn(Map.of("customerId", "C-1001", "sourceEventId", "evt-0001", "productCode", "TERM_DEPOSIT_12M"));
        when(client.newCompleteCommand(job)).thenReturn(complete);
        when(complete.send()).thenReturn((CamundaFuture) mock(CamundaFuture.class));
        when(client.newFailCommand(job)).thenReturn(fail);
        when(fail.retries(anyInt())).thenReturn(failWithRetries);
        when(failWithRetries.send()).thenReturn((CamundaFuture) mock(CamundaFuture.class));
    }

    @Test
    void completesTheJobWithTheDeliveryTheGatewayReads() {
        when(delivery.deliver(any())).thenReturn(DeliveryResult.suppressed(ReasonCode.NO_CONSENT));

        handler.handle(client, job);

        var expected = new LinkedHashMap<String, Object>();
        expected.put("channel", "sms");
        expected.put("status", "SUPPRESSED");
        expected.put("reason", "NO_CONSENT");
        expected.put("providerMessageId", null);
        verify(complete).variables(Map.of("delivery", expected));
        verify(client, never()).newFailCommand(job);
    }

    @Test
    void failsTheJobWithOneRetryLessAndABackOffWhenTheSendIsDeferred() {
        when(delivery.deliver(any())).thenThrow(new DeliveryDeferredException("SMS evt-0001/... not sent, Twilio unavailable: 503", null));

        handler.handle(client, job);

        verify(fail).retries(2);
        verify(failWithRetries).retryBackoff(Duration.ofSeconds(30));
        verify(failWithRetries).errorMessage("SMS evt-0001/... not sent, Twilio unavailable: 503");
        verify(client, never()).newCompleteCommand(job);
    }

    @Test
    void onTheLastRetryWithNothingSentTheChannelIsGivenUpSoTheJourneyFallsBack() {
        when(job.getRetries()).thenReturn(1);
        when(delivery.deliver(any())).thenThrow(new DeliveryDeferredException("SMS evt-0001/... not sent, Twilio unavailable: 503", null));
        when(delivery.giveUp(any(), any())).thenReturn(DeliveryResult.failed(ReasonCode.PROVIDER_UNAVAILABLE, null));

        handler.handle(client, job);

        verify(delivery).giveUp(any(), org.mockito.ArgumentMatchers.eq("SMS evt-0001/... not sent, Twilio unavailable: 503"));
        var expected = new LinkedHashMap<String, Object>();
        expected.put("channel", "sms");
        expected.put("status", "FAILED");
        expected.put("reason", "PROVIDER_UNAVAILABLE");
        expected.put("providerMessageId", null);
        verify(complete).variables(Map.of("delivery", expected));
        verify(client, never()).newFailCommand(job);
    }

    @Test
    void onTheLastRetryAnUncertainSendBecomesAnIncidentNeverAFallback() {
        when(job.getRetries()).thenReturn(1);
        when(delivery.deliver(any())).thenThrow(DeliveryDeferredException.uncertain("SMS evt-0001/... outcome uncertain", null));

        handler.handle(client, job);

        verify(fail).retries(0);
        verify(failWithRetries).errorMessage("SMS evt-0001/... outcome uncertain");
        verify(delivery, never()).giveUp(any(), any());
        verify(client, never()).newCompleteCommand(job);
    }

    @Test
    void quietHoursWaitWithoutUsingUpTheLastRetry() {
        when(job.getRetries()).thenReturn(1);
        when(delivery.deliver(any())).thenThrow(DeliveryDeferredException.quietHours("SMS evt-0001/... deferred: quiet hours", Duration.ofHours(3)));

        handler.handle(client, job);

        verify(fail).retries(1);
        verify(failWithRetries).retryBackoff(Duration.ofHours(3));
        verify(delivery, never()).giveUp(any(), any());
    }

    @Test
    void raisesAnIncidentAtOnceForAJobWithoutItsSourceEvent() {
        when(job.getVariablesAsMap()).thenReturn(Map.of("customerId", "C-1001"));

        handler.handle(client, job);

        verify(fail).retries(0);
        verify(failWithRetries).errorMessage(contains("sourceEventId"));
        verify(delivery, never()).deliver(any());
    }
}
