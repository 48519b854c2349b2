package io.beacon.delivery;

import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentDecision;
import io.beacon.contracts.api.consent.SendLease;
import io.beacon.contracts.api.consent.SendLeaseRequest;

/**
 * Takes the send lease around each provider attempt at the consent service (the opt-out fence, ADR 0015): where consent
 * is read as the last word before the send, and an erased person's contact point is refused (ADR 0030).
 */
public class ConsentClient {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsentClient.class);

    private final ConsentApi consent;

    public ConsentClient(ConsentApi consent) {
        this.consent = consent;
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
