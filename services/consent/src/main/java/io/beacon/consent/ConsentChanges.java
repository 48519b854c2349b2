package io.beacon.consent;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.Topics;
import io.beacon.platform.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Recording a consent change, from wherever it comes (a bank system, the API, a one-click unsubscribe): written to
 * the ledger and its history, then announced on beacon.consent.changes, where the journeys service ends the
 * customer's running journeys on a withdrawal.
 */
@Service
public class ConsentChanges {

    private static final Logger log = LoggerFactory.getLogger(ConsentChanges.class);

    private final ConsentLedger ledger;
    private final EventPublisher publisher;
    private final SendLeases leases;

    public ConsentChanges(ConsentLedger ledger, EventPublisher publisher, SendLeases leases) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.leases = leases;
    }

    /**
     * Returns once the change is stored and announced, and, for a withdrawal of marketing, once no send of the customer
     * on the withdrawn channels is under way at a provider (the opt-out fence, ADR 0015): whoever gets the
     * acknowledgement knows that no message leaves after it. Announced again on a repeat, in case the first announce was
     * lost.
     */
    public void record(String changeId, ConsentChange change, String legalBasis) {
        ledger.record(changeId, change, legalBasis);
        log.info("consent {} {} {} for customer {} (source {})", change.granted() ? "granted" : "withdrawn",
                change.channel(), change.purpose(), change.customerId(), change.source());
        publisher.publishAndWait(Topics.CONSENT_CHANGES, change.customerId(),
                BeaconEvents.build(changeId, "/beacon/consent", change.cloudEventType(), change.customerId(), change));
        if (!change.granted() && "marketing".equals(change.purpose())) {
            var channels = "all".equals(change.channel()) ? ConsentLedger.CHANNELS : java.util.Set.of(change.channel());
            java.time.Duration waited = leases.awaitClosed(change.customerId(), channels);
            if (!waited.isZero()) {
                log.info("withdrawal {} of customer {} acknowledged after {} ms: a send already at the provider finished first",
                        change.channel(), change.customerId(), waited.toMillis());
            }
        }
    }
}
