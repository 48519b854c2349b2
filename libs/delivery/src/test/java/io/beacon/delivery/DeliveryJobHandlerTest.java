package io.beacon.delivery;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.List;
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
    void aSendInARunningExperimentGoesOutInTheCustomersVariantAndTheJourneyKeepsIt() {
        var experiment = new io.beacon.contracts.ContentExperiment("term-deposit-sms-tone", "Tone", "TERM_DEPOSIT_12M", "sms",
                List.of(new io.beacon.contracts.ContentExperiment.Variant("default", 50), new io.beacon.contracts.ContentExperiment.Variant("warm", 50)),
                0.02, true, "ops", java.time.Instant.EPOCH, null);
        String assigned = experiment.label(experiment.assign("C-1001"));
        handler.useExperiments(ContentExperiments.of(experiment));
        var requests = org.mockito.ArgumentCaptor.forClass(DeliveryRequest.class);
        when(delivery.deliver(requests.capture())).thenReturn(DeliveryResult.sent("SM1"));

        handler.handle(client, job);

        assertThat(requests.getValue().variant()).isEqualTo(assigned);
        assertThat(requests.getValue().outcome(io.beacon.contracts.OutcomeType.SENT, null, null, java.time.Instant.EPOCH).variant()).isEqualTo(assigned);
        var expected = new LinkedHashMap<String, Object>();
        expected.put("channel", "sms");
        expected.put("status", "SENT");
        expected.put("reason", null);
        expected.put("providerMessageId", "SM1");
        expected.put("variant", assigned);
        verify(complete).variables(Map.of("delivery", expected));
    }

    @Test
    void aStoppedExperimentOrAnotherChannelsLeavesTheSendAsItWas() {
        var stopped = new io.beacon.contracts.ContentExperiment("term-deposit-sms-tone", "Tone", "TERM_DEPOSIT_12M", "sms",
                List.of(new io.beacon.contracts.ContentExperiment.Variant("default", 50), new io.beacon.contracts.ContentExperiment.Variant("warm", 50)),
                0.02, false, "ops", java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        var onEmail = new io.beacon.contracts.ContentExperiment("term-deposit-email-tone", "Tone", "TERM_DEPOSIT_12M", "email",
                stopped.variants(), 0.02, true, "ops", java.time.Instant.EPOCH, null);
        handler.useExperiments(ContentExperiments.of(stopped, onEmail));
        var requests = org.mockito.ArgumentCaptor.forClass(DeliveryRequest.class);
        when(delivery.deliver(requests.capture())).thenReturn(DeliveryResult.sent("SM1"));

        handler.handle(client, job);

        assertThat(requests.getValue().variant()).isNull();
    }

    @Test
    void aStepsTemplateHeaderIsWhatTheSendRendersAndAStepsOwnTemplateTakesNoPartInTheOffersExperiment() {
        handler.useTemplates(LiveTemplates.of(MessageTemplatesTest.load()));
        handler.useExperiments(ContentExperiments.of(runningToneExperiment()));
        when(job.getCustomHeaders()).thenReturn(Map.of("template", "maturity-reminder-sms"));
        var requests = org.mockito.ArgumentCaptor.forClass(DeliveryRequest.class);
        when(delivery.deliver(requests.capture())).thenReturn(DeliveryResult.sent("SM1"));

        handler.handle(client, job);

        assertThat(requests.getValue().template()).isEqualTo("maturity-reminder-sms");
        assertThat(requests.getValue().variant()).as("a step's own copy is not the experiment's").isNull();
        verify(client, never()).newFailCommand(job);
    }

    @Test
    void theOffersOwnTemplateHeaderStaysInTheExperiment() {
        handler.useTemplates(LiveTemplates.of(MessageTemplatesTest.load()));
        var experiment = runningToneExperiment();
        handler.useExperiments(ContentExperiments.of(experiment));
        when(job.getCustomHeaders()).thenReturn(Map.of("template", "term-deposit-intro-sms"));
        var requests = org.mockito.ArgumentCaptor.forClass(DeliveryRequest.class);
        when(delivery.deliver(requests.capture())).thenReturn(DeliveryResult.sent("SM1"));

        handler.handle(client, job);

        assertThat(requests.getValue().template()).isEqualTo("term-deposit-intro-sms");
        assertThat(requests.getValue().variant()).isEqualTo(experiment.label(experiment.assign("C-1001")));
    }

    @Test
    void aHeaderNamingATemplateThatDoesNotExistRaisesAnIncidentNamingItAndSendsNothing() {
        MessageTemplates templates = MessageTemplatesTest.load();
        handler.useTemplates(LiveTemplates.of(templates));
        when(job.getCustomHeaders()).thenReturn(Map.of("template", "maturity-remnider-sms"));

        handler.handle(client, job);

        verify(fail).retries(0);
        verify(failWithRetries).errorMessage("send-sms job of journey_salary_credited/Task_SendSmsOffer names template "
                + "'maturity-remnider-sms', which cannot be sent: no sms template 'maturity-remnider-sms' in content version " + templates.version());
        verify(delivery, never()).deliver(any());
        verify(client, never()).newCompleteCommand(job);
    }

    private static io.beacon.contracts.ContentExperiment runningToneExperiment() {
        return new io.beacon.contracts.ContentExperiment("term-deposit-sms-tone", "Tone", "TERM_DEPOSIT_12M", "sms",
                List.of(new io.beacon.contracts.ContentExperiment.Variant("default", 50), new io.beacon.contracts.ContentExperiment.Variant("warm", 50)),
                0.02, true, "ops", java.time.Instant.EPOCH, null);
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
