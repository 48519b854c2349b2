package io.beacon.journeys;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.FailJobCommandStep1;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotDeliveredWorkerTest {

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void raisesAnIncidentNamingTheOfferTheCustomerAndTheLastChannelsReason() {
        var client = mock(JobClient.class);
        var job = mock(ActivatedJob.class);
        var fail = mock(FailJobCommandStep1.class);
        var failWithRetries = mock(FailJobCommandStep1.FailJobCommandStep2.class, RETURNS_SELF);
        when(job.getBpmnProcessId()).thenReturn("spend-abroad-travel-card");
        when(job.getVariablesAsMap()).thenReturn(Map.of("customerId", "C-1001", "productCode", "TRAVEL_CARD", "sourceEventId", "evt-1",
                "outcomeChannel", "email", "outcomeReason", "PROVIDER_UNAVAILABLE"));
        when(client.newFailCommand(job)).thenReturn(fail);
        when(fail.retries(anyInt())).thenReturn(failWithRetries);
        when(failWithRetries.send()).thenReturn((CamundaFuture) mock(CamundaFuture.class));

        new NotDeliveredWorker().handle(client, job);

        verify(fail).retries(0);
        verify(failWithRetries).errorMessage("No channel delivered offer TRAVEL_CARD to customer C-1001 in journey spend-abroad-travel-card "
                + "(source event evt-1): every channel in the customer's order failed or was not allowed, the last (email) with "
                + "PROVIDER_UNAVAILABLE. Each channel's FAILED outcome is on beacon.offers. Fix the cause, then cancel this instance; "
                + "retrying this task raises it again.");
    }
}
