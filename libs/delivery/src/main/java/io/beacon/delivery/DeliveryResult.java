package io.beacon.delivery;

import io.beacon.contracts.ReasonCode;
import java.util.LinkedHashMap;
import java.util.Map;

/** How one send ended; completes the job as the variable {@code delivery}, which the journey's gateway reads. */
public record DeliveryResult(Status status, ReasonCode reason, String providerMessageId) {

    public enum Status { SENT, SUPPRESSED, FAILED }

    public static DeliveryResult sent(String providerMessageId) {
        return new DeliveryResult(Status.SENT, null, providerMessageId);
    }

    public static DeliveryResult suppressed(ReasonCode reason) {
        return new DeliveryResult(Status.SUPPRESSED, reason, null);
    }

    public static DeliveryResult failed(ReasonCode reason, String providerMessageId) {
        return new DeliveryResult(Status.FAILED, reason, providerMessageId);
    }

    /** A LinkedHashMap because the reason is null on success and the gateway expects the key to be there. */
    public Map<String, Object> asVariables(Channel channel) {
        return asVariables(channel, null);
    }

    /**
     * @param variant the content experiment's {@code <experiment>/<variant>} of the send, or null: kept on the journey as
     *                {@code delivery.variant}, so the conversion that follows carries it (ADR 0025)
     */
    public Map<String, Object> asVariables(Channel channel, String variant) {
        var delivery = new LinkedHashMap<String, Object>();
        delivery.put("channel", channel.id());
        delivery.put("status", status.name());
        delivery.put("reason", reason == null ? null : reason.name());
        delivery.put("providerMessageId", providerMessageId);
        if (variant != null) {
            delivery.put("variant", variant);
        }
        return Map.of("delivery", delivery);
    }
}
