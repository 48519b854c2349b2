package io.beacon.delivery;

import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.DeliveryLedger.Entry;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.platform.OutcomePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import io.beacon.platform.QuietHours;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one offer on one channel: the contact point, the ledger, then exactly one message inside a send lease at the
 * consent service (where consent is read as the last word; an opt-out is acknowledged only after, ADR 0015), then the
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

    /** What asking the provider about an uncertain send found (ADR 0011). */
    public sealed interface Lookup {
        /** The provider has the message; {@code failed} when it already gave up on it. */
        record Found(String providerMessageId, String providerStatus, boolean failed) implements Lookup {
        }

        /** The provider does not have it: sending (once more) is safe. */
        record NotFound() implements Lookup {
        }

        /** The provider cannot be asked (FCM, SMTP): nothing is resent, the send ends SENT unconfirmed, outcome-unknown (ADR 0036). */
        record Unknowable(String why) implements Lookup {
        }
    }

    /**
     * The detail of a send whose outcome could not be learnt: SENT with this detail on beacon.offers and in the ledger
     * (ADR 0036), counted apart and reviewed by operations.
     */
    public static final String OUTCOME_UNKNOWN = "outcome-unknown";

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

    private QuietHours quietHours;

    /**
     * Quiet hours checked again right before the provider call (Spring injects the shared policy into every sender; a
     * sender built by hand checks none).
     */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void useQuietHours(QuietHours quietHours) {
        this.quietHours = quietHours;
    }

    /** Why the contact point cannot be sent to, or empty when it can; checked before anything is recorded. */
    protected Optional<String> invalidContactPoint(String contactPoint) {
        return Optional.empty();
    }

    /** Why a send to this recipient is refused for good before any provider call (FAILED, so the journey falls back). */
    public record Refusal(ReasonCode reason, String detail) {
    }

    /**
     * A refusal the channel knows of for this recipient (email: an address that bounced for good, ADR 0034), or empty;
     * checked after the contact point parses, before anything is sent.
     */
    protected Optional<Refusal> refusal(Recipient recipient) {
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

    /**
     * What the sender records before the call so that {@link #lookUp} can recognise its message at the provider
     * (SMS: a hash of number, sender and text); null when it has no lookup.
     */
    protected String fingerprint(DeliveryRequest request, Recipient recipient) {
        return null;
    }

    /**
     * Asks the provider whether an uncertain send (a call that left without an answer, or a worker that stopped
     * mid-call) reached it. The default, for a provider without a status lookup, is {@link Lookup.Unknowable}: never
     * resent, and counted as sent so that no fallback channel sends it a second time (ADR 0036). Throws {@link ProviderUnavailableException} when the
     * lookup itself fails (the job is retried later).
     *
     * @param recipient the customer as profiles knows them now, or null when there is no contact point any more
     */
    protected Lookup lookUp(DeliveryRequest request, Recipient recipient, Entry uncertain) {
        return new Lookup.Unknowable(provider + " has no status lookup");
    }

    @Override
    public final DeliveryResult deliver(DeliveryRequest request) {
        if (request.channel() != channel) {
            throw new IllegalArgumentException(request.channel() + " request handed to the " + channel + " sender");
        }
        // The contact point first (nothing is recorded by asking), then the ledger: claiming the send is one insert,
        // and only a job that was here before reads its record. The ledger still decides before anything else: a job
        // redelivered after a successful send must report that send, even if the customer has opted out since (the
        // message is out; suppressing now would make the journey lie).
        Optional<Recipient> recipient = profiles.recipient(request.customerId(), channel);
        String contactPoint = recipient.map(Recipient::contactPoint).orElse(null);
        Optional<Entry> earlier = ledger.claim(request, contactPoint == null ? null : channel.mask(contactPoint));
        if (earlier.isPresent()) {
            Optional<DeliveryResult> settled = settle(request, earlier.get());
            if (settled.isPresent()) {
                return settled.get();
            }
            if (earlier.get().uncertain()) {
                Optional<DeliveryResult> resolved = resolveUncertain(request, contactPoint == null ? null : recipient.get(), earlier.get(), false);
                if (resolved.isPresent()) {
                    return resolved.get();
                }
            }
        }
        // Consent is not asked here: the contact policy read it when it planned this send, and the send lease below
        // reads it once more, as the last word, right before the provider call (ADR 0015).
        if (contactPoint == null) {
            ReasonCode reason = ReasonCode.NO_CONTACT_POINT;
            DeliveryResult suppressed = suppress(request, reason, recipient.isEmpty() ? "no profile" : "no " + channel.contactPointName());
            ledger.markSuppressed(request.idempotencyKey(), reason, "no contact point at send");
            return suppressed;
        }
        Optional<String> invalid = invalidContactPoint(contactPoint);
        if (invalid.isPresent()) {
            // FAILED rather than SUPPRESSED: like the provider's own refusal, it lets the journey fall back to another channel.
            return failForGood(request, ReasonCode.INVALID_CONTACT_POINT, invalid.get(), null);
        }
        Optional<Refusal> refused = refusal(recipient.get());
        if (refused.isPresent()) {
            return failForGood(request, refused.get().reason(), refused.get().detail(), null);
        }

        if (quietHours != null) {
            Instant now = clock.instant();
            Instant allowed = quietHours.nextAllowedSendTime(now, recipient.get().timeZone());
            if (allowed.isAfter(now)) {
                // planned outside quiet hours, but a retry or a late job drifted into them: wait, never drop
                throw DeliveryDeferredException.quietHours(channel.label() + " " + request.idempotencyKey()
                        + " deferred: quiet hours in the customer's time zone until " + allowed, Duration.between(now, allowed));
            }
        }
        return send(request, recipient.get());
    }

    private DeliveryResult send(DeliveryRequest request, Recipient recipient) {
        String masked = channel.mask(recipient.contactPoint());
        Accepted accepted;
        // From here a crash, a timeout or a reset leaves an uncertain record that only the provider can settle.
        ledger.markAttempted(request.idempotencyKey(), fingerprint(request, recipient));
        // Each provider attempt runs inside a send lease at the consent service (ADR 0015): consent checked once more
        // after the lease is recorded, and an opt-out acknowledged only once no lease of the customer is open.
        var gate = new LeaseGate(request, recipient.contactToken());
        try {
            accepted = SendGate.around(gate, () -> handOver(request, recipient));
        } catch (SendRefusedException e) {
            // no request left: a failed publish below must leave a record that is sent-nothing, not uncertain
            ledger.markNotAttempted(request.idempotencyKey());
            DeliveryResult suppressed = suppress(request, e.reason(), "consent re-checked at the send lease, right before the provider call");
            ledger.markSuppressed(request.idempotencyKey(), e.reason(), "refused at the send lease");
            return suppressed;
        } catch (DeliveryDeferredException e) {
            // the lease could not be taken (consent unreachable): no request left
            ledger.markNotAttempted(request.idempotencyKey());
            throw e;
        } catch (ProviderRejectedException e) {
            log.info("{} {} to {} refused by {}: {}", channel.label(), request.idempotencyKey(), masked, provider, e.getMessage());
            return failForGood(request, e.reason(), e.getMessage(), null);
        } catch (ProviderUnavailableException e) {
            ledger.markNotAttempted(request.idempotencyKey());
            throw new DeliveryDeferredException(channel.label() + " " + request.idempotencyKey() + " not sent, " + provider
                    + " unavailable: " + e.getMessage(), e.retryAfter().orElse(null), e);
        } catch (ProviderOutcomeUnknownException e) {
            log.warn("{} {} to {}: {}; asking {} before anything is sent again", channel.label(), request.idempotencyKey(),
                    masked, e.getMessage(), provider);
            Entry uncertain = ledger.find(request.idempotencyKey()).orElseThrow();
            return resolveUncertain(request, recipient, uncertain, true).orElseThrow(() -> DeliveryDeferredException.uncertain(
                    channel.label() + " " + request.idempotencyKey() + " outcome uncertain (" + e.getMessage() + ") and " + provider
                            + " does not show the message yet; it is looked up again before any resend", e));
        }
        ledger.recordAccepted(request.idempotencyKey(), accepted.providerMessageId(), accepted.providerStatus());
        if (gate.leases == 0) {
            log.error("{} {} was handed to {} without passing the send gate: its provider call bypassed ProviderGuard.send, "
                    + "so an opt-out was not fenced against it", channel.label(), request.idempotencyKey(), provider);
        }
        log.info("{} {} to {} accepted by {} as {}", channel.label(), request.idempotencyKey(), masked, provider,
                accepted.providerMessageId());
        return confirmSent(request, accepted.providerMessageId());
    }

    /** The send gate of one send: a lease at the consent service around each provider attempt. */
    private final class LeaseGate implements SendGate.Gate {

        private final DeliveryRequest request;
        private final String contactToken;
        private int leases;

        LeaseGate(DeliveryRequest request, String contactToken) {
            this.request = request;
            this.contactToken = contactToken;
        }

        @Override
        public SendGate.Lease open() {
            long openedAt = System.nanoTime();
            SendGate.Lease lease = consent.openSend(request.customerId(), channel, request.idempotencyKey(), contactToken);
            leases++;
            return () -> {
                long heldMillis = (System.nanoTime() - openedAt) / 1_000_000;
                lease.close();
                if (heldMillis > SEND_LEASE_WARNING.toMillis()) {
                    // The consent service lets a lease run out after beacon.consent.send-lease (30 s): an attempt this
                    // long may have outlived it, and an opt-out acknowledged meanwhile did not wait for it.
                    log.error("{} {}: one provider attempt held its send lease {} ms, beyond what the opt-out fence assumes",
                            channel.label(), request.idempotencyKey(), heldMillis);
                }
            };
        }
    }

    /** Longer than any one provider attempt may last under the clients' timeouts, shorter than the consent lease. */
    static final Duration SEND_LEASE_WARNING = Duration.ofSeconds(25);

    /**
     * Settles an uncertain send by the provider's answer. Empty means "the provider does not have it": the caller
     * sends (a redelivered job) or defers (the call that just timed out, whose request may still be on its way).
     */
    private Optional<DeliveryResult> resolveUncertain(DeliveryRequest request, Recipient recipient, Entry uncertain, boolean justTimedOut) {
        Lookup lookup;
        try {
            lookup = lookUp(request, recipient, uncertain);
        } catch (ProviderUnavailableException e) {
            throw DeliveryDeferredException.uncertain(channel.label() + " " + request.idempotencyKey() + " outcome uncertain and "
                    + provider + " status lookup unavailable: " + e.getMessage(), e.retryAfter().orElse(null), e);
        }
        return switch (lookup) {
            case Lookup.Found found -> {
                if (!ledger.recordFound(request.idempotencyKey(), found.providerMessageId(), found.providerStatus())) {
                    // A receipt got there first; whatever it recorded is the same message.
                    log.debug("{} {} already carried a provider id", channel.label(), request.idempotencyKey());
                }
                log.info("{} {} found at {} as {} after an uncertain outcome; not resent", channel.label(),
                        request.idempotencyKey(), provider, found.providerMessageId());
                yield Optional.of(found.failed()
                        ? failForGood(request, ReasonCode.PROVIDER_REJECTED, provider + " reports " + found.providerMessageId()
                                + " as " + found.providerStatus(), found.providerMessageId())
                        : confirmSent(request, found.providerMessageId()));
            }
            case Lookup.NotFound notFound -> {
                log.info("{} {} not found at {} after an uncertain outcome{}", channel.label(), request.idempotencyKey(),
                        provider, justTimedOut ? "; deferred, looked up again before a resend" : "; sending once");
                yield Optional.empty();
            }
            case Lookup.Unknowable unknowable -> {
                // Counted as sent (ADR 0036): FAILED would let the journey fall back and send the offer a second time.
                log.warn("{} {} outcome unknown, counted as sent (unconfirmed), not resent and no fallback: {}", channel.label(),
                        request.idempotencyKey(), unknowable.why());
                yield Optional.of(confirmUnknown(request, OUTCOME_UNKNOWN + ": " + unknowable.why() + "; not resent"));
            }
        };
    }

    /** The result an earlier attempt already reached, or empty when it is safe to send (again). */
    private Optional<DeliveryResult> settle(DeliveryRequest request, Entry entry) {
        return switch (entry.state()) {
            case SENT -> Optional.of(entry.unconfirmed() ? DeliveryResult.sentUnconfirmed(entry.providerMessageId())
                    : DeliveryResult.sent(entry.providerMessageId()));
            case FAILED -> Optional.of(DeliveryResult.failed(entry.reason(), entry.providerMessageId()));
            case SUPPRESSED -> Optional.of(DeliveryResult.suppressed(entry.reason()));
            case PENDING -> entry.providerMessageId() == null
                    // No provider id: never attempted (safe to send), or uncertain (settled by resolveUncertain).
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

    /**
     * The request left, no answer came and the provider cannot be asked: publishes SENT with the detail
     * {@code outcome-unknown: ...}, then closes the ledger record as SENT with that detail. The message may be with the
     * customer, so the journey must treat it as sent (no fallback channel, the attribution window runs); the detail
     * keeps the unconfirmed sends countable (ADR 0036).
     */
    private DeliveryResult confirmUnknown(DeliveryRequest request, String detail) {
        publish(request, OutcomeType.SENT, null, detail);
        ledger.markSentUnconfirmed(request.idempotencyKey(), detail);
        return DeliveryResult.sentUnconfirmed(null);
    }

    /** Publishes FAILED, then closes the ledger record, so a redelivered job reports the same failure. */
    @Override
    public DeliveryResult giveUp(DeliveryRequest request, String detail) {
        log.warn("{} {} given up after its last retry, FAILED so the journey falls back: {}", channel.label(), request.idempotencyKey(), detail);
        return ledger.find(request.idempotencyKey()).isPresent() ? failForGood(request, ReasonCode.PROVIDER_UNAVAILABLE, detail, null)
                : fail(request, ReasonCode.PROVIDER_UNAVAILABLE, detail, null);
    }

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
        var outcome = request.outcome(type, reason, detail, clock.instant());
        try {
            outcomes.publish(outcome);
        } catch (RuntimeException e) {
            // The ledger still says PENDING (or nothing), so the retried job publishes the same event id again.
            throw DeliveryDeferredException.uncertain("outcome " + outcome.eventId() + " not published: " + e.getMessage(), e);
        }
    }
}
