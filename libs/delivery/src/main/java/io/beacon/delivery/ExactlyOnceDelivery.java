package io.beacon.delivery;

import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.DeliveryLedger.Entry;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.platform.OutcomePublisher;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one offer on one channel: ledger, consent, then the contact point, then exactly one message, then the
 * outcome. The order and the exactly-once rules live here once; a channel adds only how to check its contact point,
 * how to hand the message to its provider and, if the provider can be asked, how to settle a send left pending.
 * <p>
 * Returns how the send ended, or throws {@link DeliveryDeferredException} when it cannot end now (provider, consent
 * or profiles unreachable, the outcome not publishable): the job is then retried, never completed as if it worked.
 */
public abstract class ExactlyOnceDelivery implements ChannelDelivery {

    /** What the provider answered when it took the message: its id for the message, and its status if it gives one. */
    public record Accepted(String providerMessageId, String providerStatus) {
    }

    // The channel's own class as the logger, so a sender's log reads as it did before the flow was shared.
    private final Logger log = LoggerFactory.getLogger(getClass());

    private final Channel channel;
    private final String provider;
    private final ConsentClient consent;
    private final ProfilesClient profiles;
    private final DeliveryLedger ledger;
    private final OutcomePublisher outcomes;
    private final Clock clock;

    /** @param provider how messages name the provider: "Twilio unavailable", "SMTP unavailable" */
    protected ExactlyOnceDelivery(Channel channel, String provider, ConsentClient consent, ProfilesClient profiles,
                                  DeliveryLedger ledger, OutcomePublisher outcomes, Clock clock) {
        this.channel = channel;
        this.provider = provider;
        this.consent = consent;
        this.profiles = profiles;
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** Why the contact point cannot be sent to, or empty when it can; checked before anything is recorded. */
    protected Optional<String> invalidContactPoint(String contactPoint) {
        return Optional.empty();
    }

    /**
     * Hands the message to the provider. Throws {@link ProviderRejectedException} for a permanent refusal and
     * {@link ProviderUnavailableException} when it may work later.
     */
    protected abstract Accepted handOver(DeliveryRequest request, Recipient recipient);

    /**
     * The provider took the message but the worker stopped before the outcome was out. Without a status lookup the
     * recorded id is all there is, so it is trusted; a provider that can be asked overrides this. Empty means "send
     * again".
     */
    protected Optional<DeliveryResult> resolvePending(DeliveryRequest request, String providerMessageId) {
        return Optional.of(confirmSent(request, providerMessageId));
    }

    @Override
    public final DeliveryResult deliver(DeliveryRequest request) {
        if (request.channel() != channel) {
            throw new IllegalArgumentException(request.channel() + " request handed to the " + channel + " sender");
        }
        // The ledger comes first: a job redelivered after a successful send must report that send, even if the
        // customer has opted out since (the message is out; suppressing now would make the journey lie).
        Optional<Entry> earlier = ledger.find(request.idempotencyKey());
        if (earlier.isPresent()) {
            Optional<DeliveryResult> settled = settle(request, earlier.get());
            if (settled.isPresent()) {
                return settled.get();
            }
        }

        var check = consent.check(request.customerId(), channel);
        if (!check.allowed()) {
            return suppress(request, check.reason(), "consent re-checked at send");
        }
        Optional<Recipient> recipient = profiles.recipient(request.customerId(), channel);
        String contactPoint = recipient.map(Recipient::contactPoint).orElse(null);
        if (contactPoint == null) {
            return suppress(request, ReasonCode.NO_CONTACT_POINT, recipient.isEmpty() ? "no profile" : "no " + channel.contactPointName());
        }
        Optional<String> invalid = invalidContactPoint(contactPoint);
        if (invalid.isPresent()) {
            // FAILED rather than SUPPRESSED: like the provider's own refusal, it lets the journey fall back to another channel.
            return fail(request, ReasonCode.INVALID_CONTACT_POINT, invalid.get(), null);
        }

        if (earlier.isEmpty()) {
            Optional<Entry> raced = ledger.claim(request, channel.mask(contactPoint));
            if (raced.isPresent()) {
                Optional<DeliveryResult> settled = settle(request, raced.get());
                if (settled.isPresent()) {
                    return settled.get();
                }
            }
        }
        return send(request, recipient.get());
    }

    private DeliveryResult send(DeliveryRequest request, Recipient recipient) {
        String masked = channel.mask(recipient.contactPoint());
        Accepted accepted;
        try {
            accepted = handOver(request, recipient);
        } catch (ProviderRejectedException e) {
            log.info("{} {} to {} refused by {}: {}", channel.label(), request.idempotencyKey(), masked, provider, e.getMessage());
            return failForGood(request, e.reason(), e.getMessage(), null);
        } catch (ProviderUnavailableException e) {
            throw new DeliveryDeferredException(channel.label() + " " + request.idempotencyKey() + " not sent, " + provider
                    + " unavailable: " + e.getMessage(), e);
        }
        ledger.recordAccepted(request.idempotencyKey(), accepted.providerMessageId(), accepted.providerStatus());
        log.info("{} {} to {} accepted by {} as {}", channel.label(), request.idempotencyKey(), masked, provider,
                accepted.providerMessageId());
        return confirmSent(request, accepted.providerMessageId());
    }

    /** The result an earlier attempt already reached, or empty when it is safe to send (again). */
    private Optional<DeliveryResult> settle(DeliveryRequest request, Entry entry) {
        return switch (entry.state()) {
            case SENT -> Optional.of(DeliveryResult.sent(entry.providerMessageId()));
            case FAILED -> Optional.of(DeliveryResult.failed(entry.reason(), entry.providerMessageId()));
            case PENDING -> entry.providerMessageId() == null
                    // No provider id: the earlier attempt never got the provider's answer. See the senders' READMEs, "Exactly once".
                    ? Optional.empty()
                    : resolvePending(request, entry.providerMessageId());
        };
    }

    /** Publishes SENT, then closes the ledger record: a crash in between republishes the same event id, never resends. */
    protected final DeliveryResult confirmSent(DeliveryRequest request, String providerMessageId) {
        publish(request, OutcomeType.SENT, null, null);
        ledger.markSent(request.idempotencyKey());
        return DeliveryResult.sent(providerMessageId);
    }

    /** Publishes FAILED, then closes the ledger record, so a redelivered job reports the same failure. */
    protected final DeliveryResult failForGood(DeliveryRequest request, ReasonCode reason, String detail, String providerMessageId) {
        DeliveryResult result = fail(request, reason, detail, providerMessageId);
        ledger.markFailed(request.idempotencyKey(), reason, detail);
        return result;
    }

    private DeliveryResult suppress(DeliveryRequest request, ReasonCode reason, String detail) {
        log.info("{} {} for customer {} suppressed: {} ({})", channel.label(), request.idempotencyKey(), request.customerId(), reason, detail);
        publish(request, OutcomeType.SUPPRESSED, reason, detail);
        return DeliveryResult.suppressed(reason);
    }

    private DeliveryResult fail(DeliveryRequest request, ReasonCode reason, String detail, String providerMessageId) {
        publish(request, OutcomeType.FAILED, reason, detail);
        return DeliveryResult.failed(reason, providerMessageId);
    }

    private void publish(DeliveryRequest request, OutcomeType type, ReasonCode reason, String detail) {
        var outcome = new OfferOutcome(type, request.customerId(), request.journey(), request.journeyInstance(),
                request.step(), request.trigger(), request.productCode(), channel.id(), reason, detail,
                request.sourceEventId(), request.decisionId(), clock.instant());
        try {
            outcomes.publish(outcome);
        } catch (RuntimeException e) {
            // The ledger still says PENDING (or nothing), so the retried job publishes the same event id again.
            throw new DeliveryDeferredException("outcome " + outcome.eventId() + " not published: " + e.getMessage(), e);
        }
    }
}
