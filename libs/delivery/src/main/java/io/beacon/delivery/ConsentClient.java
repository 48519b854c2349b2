package io.beacon.delivery;

import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentDecision;
import io.beacon.contracts.api.consent.SendLease;
import io.beacon.contracts.api.consent.SendLeaseRequest;

/**
 * Asks the consent service, right before dispatch, whether marketing on the channel is still allowed; and takes the
 * send lease around each provider attempt (the opt-out fence, ADR 0015).
 */
public class ConsentClient {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsentClient.class);

    /** The consent service's answer; reason is set when not allowed (as {@link ConsentDecision} reads it). */
    public record ConsentCheck(boolean allowed, ReasonCode reason) {
    }

    private final ConsentApi consent;

    public ConsentClient(ConsentApi consent) {
        this.consent = consent;
    }

    /** Throws {@link DeliveryDeferredException} when the service cannot answer: without an answer nothing is sent. */
    public ConsentCheck check(String customerId, Channel channel) {
        try {
            ConsentDecision decision = consent.check(customerId, channel.id(), "marketing");
            return new ConsentCheck(decision.allowed(), decision.reason());
        } catch (ApiProblem e) {
            throw new DeliveryDeferredException("consent check for customer " + customerId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Takes a send lease for one provider attempt: the consent service records it, then checks consent, so that an
     * opt-out either is seen here or waits for this lease before it is acknowledged. Throws {@link SendRefusedException}
     * when consent is withdrawn (nothing may be sent) and {@link DeliveryDeferredException} when the service cannot answer.
     */
    public SendGate.Lease openSend(String customerId, Channel channel, String idempotencyKey, String contactToken) {
        SendLease lease;
        try {
            lease = consent.openSendLease(customerId, new SendLeaseRequest(channel.id(), "marketing", idempotencyKey, contactToken));
        } catch (ApiProblem e) {
            throw new DeliveryDeferredException("send lease for customer " + customerId + " not granted, consent unavailable: "
                    + e.getMessage(), e);
        }
        if (!lease.allowed()) {
            throw new SendRefusedException(lease.reason(), channel.label() + " " + idempotencyKey + " refused at its send lease: " + lease.reason());
        }
        String id = lease.lease();
        return () -> closeSend(customerId, id);
    }

    /** Gives a lease back; best effort: one not given back runs out at the consent service (beacon.consent.send-lease). */
    private void closeSend(String customerId, String lease) {
        try {
            consent.closeSendLease(customerId, lease);
        } catch (ApiProblem e) {
            log.warn("send lease {} of customer {} not given back ({}); an opt-out in the meantime waits until it runs out", lease,
                    customerId, e.getClass().getSimpleName());
        }
    }
}
