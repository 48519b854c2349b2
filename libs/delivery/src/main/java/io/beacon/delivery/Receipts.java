package io.beacon.delivery;

import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.platform.OutcomePublisher;
import java.time.Clock;
import java.util.Optional;

/**
 * What happened after the provider took a message (Twilio's delivery receipts, email opens and clicks), published on
 * beacon.offers against the send it belongs to. The outcome's event id is deterministic (key + type), so a receipt
 * the provider repeats is a duplicate consumers drop.
 */
public class Receipts {

    private final DeliveryLedger ledger;
    private final OutcomePublisher outcomes;
    private final Clock clock;

    public Receipts(DeliveryLedger ledger, OutcomePublisher outcomes, Clock clock) {
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Publishes the receipt for the send under this key. False when the key names no send of this sender (a forged or
     * stale receipt).
     *
     * @param type              null when the receipt changes nothing for the journey (Twilio's {@code sent}): only
     *                          the provider's id is recorded, see {@link #recordProviderId}
     * @param providerMessageId the provider's id the receipt carries: recorded on a send whose answer was lost (ADR 0011)
     */
    public boolean record(String idempotencyKey, OutcomeType type, String providerMessageId, String providerStatus,
                          ReasonCode reason, String detail) {
        if (type == null) {
            recordProviderId(idempotencyKey, providerMessageId, providerStatus);
            return true;
        }
        Optional<DeliveryRequest> send = ledger.request(idempotencyKey);
        if (send.isEmpty()) {
            return false;
        }
        if (providerMessageId != null) {
            ledger.recordFound(idempotencyKey, providerMessageId, providerStatus);
        }
        DeliveryRequest request = send.get();
        var outcome = request.outcome(type, reason, detail, clock.instant());
        outcomes.publish(outcome);
        return true;
    }

    /**
     * A receipt that changes nothing for the journey ({@code queued}, {@code sent}) only settles a send whose answer was
     * lost: one conditional write, no read (nearly always the send already carries the id and nothing changes). Whether
     * the key names a send is not asked here: such a receipt cannot change anything else, and the terminal receipt that
     * follows it is checked.
     */
    private void recordProviderId(String idempotencyKey, String providerMessageId, String providerStatus) {
        if (providerMessageId != null) {
            ledger.recordFound(idempotencyKey, providerMessageId, providerStatus);
        }
    }
}
