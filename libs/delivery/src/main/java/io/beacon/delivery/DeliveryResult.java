package io.beacon.delivery;

import io.beacon.contracts.ReasonCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one send ended; completes the job as the variable {@code delivery}, which the journey's gateway reads.
 *
 * @param confirmed false only for a SENT whose outcome could not be learnt (the request left, no answer came and the
 *                  provider cannot be asked, ADR 0036): counted as sent, so the journey never falls back to another
 *                  channel and sends the offer a second time
 */
public record DeliveryResult(Status status, ReasonCode reason, String providerMessageId, boolean confirmed) {

    public enum Status { SENT, SUPPRESSED, FAILED }

    public static DeliveryResult sent(String providerMessageId) {
        return new DeliveryResult(Status.SENT, null, providerMessageId, true);
    }

    /** The message may have reached the customer and nobody can tell: SENT, unconfirmed (ADR 0036). */
    public static DeliveryResult sentUnconfirmed(String providerMessageId) {
        return new DeliveryResult(Status.SENT, null, providerMessageId, false);
    }

    public static DeliveryResult suppressed(ReasonCode reason) {
        return new DeliveryResult(Status.SUPPRESSED, reason, null, true);
    }

    public static DeliveryResult failed(ReasonCode reason, String providerMessageId) {
        return new DeliveryResult(Status.FAILED, reason, providerMessageId, true);
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
        if (!confirmed) {
            delivery.put("confirmed", false);
        }
        if (variant != null) {
            delivery.put("variant", variant);
        }
        return Map.of("delivery", delivery);
    }
}
