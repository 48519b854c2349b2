package io.beacon.delivery;

/**
 * The port the job handler drives: one channel's send, free of Zeebe types so it can be tested without an engine.
 * <p>
 * Returns how the send ended, or throws {@link DeliveryDeferredException} when it cannot end now; the job is then
 * retried, never completed as if it worked.
 */
public interface ChannelDelivery {

    DeliveryResult deliver(DeliveryRequest request);

    /**
     * The send could not be made and the job's retries are used up, with nothing sent: recorded and published as FAILED
     * ({@code PROVIDER_UNAVAILABLE}) so that the journey falls back to the next channel instead of stopping at an incident.
     */
    DeliveryResult giveUp(DeliveryRequest request, String detail);
}
