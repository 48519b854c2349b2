package io.beacon.push;

import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.platform.Masking;
import io.beacon.platform.OutcomePublisher;
import io.beacon.push.DeliveryLedger.Entry;
import io.beacon.push.ProfilesClient.Recipient;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one offer notification: consent, then the device token, then exactly one message, then the outcome. The
 * job worker is glue around this, so it can be tested without Zeebe or Kafka.
 * <p>
 * Returns how the send ended, or throws {@link DeliveryDeferredException} when it cannot end now; the job is then
 * retried, never completed as if it worked.
 */
public class PushDelivery {

    private static final Logger log = LoggerFactory.getLogger(PushDelivery.class);

    private final ConsentClient consent;
    private final ProfilesClient profiles;
    private final DeliveryLedger ledger;
    private final FcmClient fcm;
    private final PushText text;
    private final OutcomePublisher outcomes;
    private final Clock clock;

    public PushDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, FcmClient fcm,
                        PushText text, OutcomePublisher outcomes, Clock clock) {
        this.consent = consent;
        this.profiles = profiles;
        this.ledger = ledger;
        this.fcm = fcm;
        this.text = text;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public DeliveryResult deliver(DeliveryRequest request) {
        // Ledger first: a notification that went out stays reported as sent, even if the customer opted out since.
        Optional<Entry> earlier = ledger.find(request.idempotencyKey());
        if (earlier.isPresent()) {
            Optional<DeliveryResult> settled = settle(request, earlier.get());
            if (settled.isPresent()) {
                return settled.get();
            }
        }

        var check = consent.check(request.customerId(), DeliveryRequest.CHANNEL);
        if (!check.allowed()) {
            return suppress(request, check.reason(), "consent re-checked at send");
        }
        Optional<Recipient> recipient = profiles.recipient(request.customerId());
        String token = recipient.map(Recipient::pushToken).orElse(null);
        if (token == null) {
            return suppress(request, ReasonCode.NO_CONTACT_POINT, recipient.isEmpty() ? "no profile" : "no push token");
        }

        if (earlier.isEmpty()) {
            Optional<Entry> raced = ledger.claim(request, Masking.token(token));
            if (raced.isPresent()) {
                Optional<DeliveryResult> settled = settle(request, raced.get());
                if (settled.isPresent()) {
                    return settled.get();
                }
            }
        }
        return send(request, recipient.get(), token);
    }

    private DeliveryResult send(DeliveryRequest request, Recipient recipient, String token) {
        String name;
        try {
            name = fcm.send(token, text.offer(recipient.firstName(), request.productCode()));
        } catch (ProviderRejectedException e) {
            // UNREGISTERED: the app is gone from that device. Removing the token from the profile is a later issue.
            log.info("push {} to {} refused: {}", request.idempotencyKey(), Masking.token(token), e.getMessage());
            DeliveryResult result = fail(request, e.reason(), e.getMessage(), null);
            ledger.markFailed(request.idempotencyKey(), e.reason(), e.getMessage());
            return result;
        } catch (ProviderUnavailableException e) {
            throw new DeliveryDeferredException("push " + request.idempotencyKey() + " not sent, FCM unavailable: " + e.getMessage(), e);
        }
        ledger.recordAccepted(request.idempotencyKey(), name, "accepted");
        log.info("push {} to {} accepted by FCM as {}", request.idempotencyKey(), Masking.token(token), name);
        return confirmSent(request, name);
    }

    /** The result an earlier attempt already reached, or empty when it is safe to send (again). */
    private Optional<DeliveryResult> settle(DeliveryRequest request, Entry entry) {
        return switch (entry.state()) {
            case SENT -> Optional.of(DeliveryResult.sent(entry.providerMessageId()));
            case FAILED -> Optional.of(DeliveryResult.failed(entry.reason(), entry.providerMessageId()));
            // A message name is recorded only once FCM accepted it; FCM has no status lookup, so trust it.
            case PENDING -> entry.providerMessageId() == null
                    ? Optional.empty()
                    : Optional.of(confirmSent(request, entry.providerMessageId()));
        };
    }

    private DeliveryResult confirmSent(DeliveryRequest request, String name) {
        publish(request, OutcomeType.SENT, null, null);
        ledger.markSent(request.idempotencyKey());
        return DeliveryResult.sent(name);
    }

    private DeliveryResult suppress(DeliveryRequest request, ReasonCode reason, String detail) {
        log.info("push {} for customer {} suppressed: {} ({})", request.idempotencyKey(), request.customerId(), reason, detail);
        publish(request, OutcomeType.SUPPRESSED, reason, detail);
        return DeliveryResult.suppressed(reason);
    }

    private DeliveryResult fail(DeliveryRequest request, ReasonCode reason, String detail, String name) {
        publish(request, OutcomeType.FAILED, reason, detail);
        return DeliveryResult.failed(reason, name);
    }

    private void publish(DeliveryRequest request, OutcomeType type, ReasonCode reason, String detail) {
        var outcome = new OfferOutcome(type, request.customerId(), request.journey(), request.journeyInstance(),
                request.step(), request.trigger(), request.productCode(), DeliveryRequest.CHANNEL, reason, detail,
                request.sourceEventId(), request.decisionId(), clock.instant());
        try {
            outcomes.publish(outcome);
        } catch (RuntimeException e) {
            throw new DeliveryDeferredException("outcome " + outcome.eventId() + " not published: " + e.getMessage(), e);
        }
    }
}
