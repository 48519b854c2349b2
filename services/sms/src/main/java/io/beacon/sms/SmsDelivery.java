package io.beacon.sms;

import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.platform.Masking;
import io.beacon.platform.OutcomePublisher;
import io.beacon.sms.DeliveryLedger.Entry;
import io.beacon.sms.ProfilesClient.Recipient;
import io.beacon.sms.TwilioClient.TwilioMessage;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one offer text: consent, then the number, then exactly one message, then the outcome. The job worker is
 * glue around this; everything that decides lives here so it can be tested without Zeebe or Kafka.
 * <p>
 * Returns how the send ended, or throws {@link DeliveryDeferredException} when it cannot end now (provider, consent
 * or profiles unreachable, the outcome not publishable): the job is then retried, never completed as if it worked.
 */
public class SmsDelivery {

    private static final Logger log = LoggerFactory.getLogger(SmsDelivery.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final ConsentClient consent;
    private final ProfilesClient profiles;
    private final DeliveryLedger ledger;
    private final TwilioClient twilio;
    private final SmsText text;
    private final OutcomePublisher outcomes;
    private final Clock clock;

    public SmsDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, TwilioClient twilio,
                       SmsText text, OutcomePublisher outcomes, Clock clock) {
        this.consent = consent;
        this.profiles = profiles;
        this.ledger = ledger;
        this.twilio = twilio;
        this.text = text;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public DeliveryResult deliver(DeliveryRequest request) {
        // The ledger comes first: a job redelivered after a successful send must report that send, even if the
        // customer has opted out since (the text is out; suppressing now would make the journey lie).
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
        String phone = recipient.map(Recipient::phone).orElse(null);
        if (phone == null) {
            return suppress(request, ReasonCode.NO_CONTACT_POINT, recipient.isEmpty() ? "no profile" : "no phone number");
        }
        if (!E164.matcher(phone).matches()) {
            // FAILED rather than SUPPRESSED: like the provider's own refusal, it lets the journey fall back to another channel.
            return fail(request, ReasonCode.INVALID_CONTACT_POINT, "phone number is not E.164", null);
        }

        if (earlier.isEmpty()) {
            Optional<Entry> raced = ledger.claim(request, Masking.phone(phone));
            if (raced.isPresent()) {
                Optional<DeliveryResult> settled = settle(request, raced.get());
                if (settled.isPresent()) {
                    return settled.get();
                }
            }
        }
        return send(request, recipient.get(), phone);
    }

    private DeliveryResult send(DeliveryRequest request, Recipient recipient, String phone) {
        TwilioMessage message;
        try {
            message = twilio.send(phone, text.offer(recipient.firstName(), request.productCode()));
        } catch (ProviderRejectedException e) {
            log.info("SMS to {} for {} refused by Twilio: {}", Masking.phone(phone), request.idempotencyKey(), e.getMessage());
            DeliveryResult result = fail(request, e.reason(), e.getMessage(), null);
            ledger.markFailed(request.idempotencyKey(), e.reason(), e.getMessage());
            return result;
        } catch (ProviderUnavailableException e) {
            throw new DeliveryDeferredException("SMS " + request.idempotencyKey() + " not sent, Twilio unavailable: " + e.getMessage(), e);
        }
        ledger.recordAccepted(request.idempotencyKey(), message.sid(), message.status());
        log.info("SMS {} to {} accepted by Twilio as {}", request.idempotencyKey(), Masking.phone(phone), message.sid());
        return confirmSent(request, message.sid());
    }

    /** The result an earlier attempt already reached, or empty when it is safe to send (again). */
    private Optional<DeliveryResult> settle(DeliveryRequest request, Entry entry) {
        return switch (entry.state()) {
            case SENT -> Optional.of(DeliveryResult.sent(entry.providerMessageId()));
            case FAILED -> Optional.of(DeliveryResult.failed(entry.reason(), entry.providerMessageId()));
            case PENDING -> entry.providerMessageId() == null
                    // No sid: the earlier attempt never got Twilio's answer. See README, "Exactly once".
                    ? Optional.empty()
                    : resolvePending(request, entry.providerMessageId());
        };
    }

    /** Twilio took the message but the worker stopped before the outcome was out: ask Twilio, do not resend blindly. */
    private Optional<DeliveryResult> resolvePending(DeliveryRequest request, String sid) {
        Optional<TwilioMessage> known;
        try {
            known = twilio.lookup(sid);
        } catch (ProviderUnavailableException e) {
            throw new DeliveryDeferredException("SMS " + request.idempotencyKey() + " pending as " + sid
                    + ", Twilio status lookup unavailable: " + e.getMessage(), e);
        }
        if (known.isEmpty()) {
            log.warn("SMS {} recorded as {} but Twilio does not know it; sending again", request.idempotencyKey(), sid);
            return Optional.empty();
        }
        if (known.get().failed()) {
            String detail = "Twilio reports " + sid + " as " + known.get().status();
            DeliveryResult result = fail(request, ReasonCode.PROVIDER_REJECTED, detail, sid);
            ledger.markFailed(request.idempotencyKey(), ReasonCode.PROVIDER_REJECTED, detail);
            return Optional.of(result);
        }
        return Optional.of(confirmSent(request, sid));
    }

    private DeliveryResult confirmSent(DeliveryRequest request, String sid) {
        publish(request, OutcomeType.SENT, null, null);
        ledger.markSent(request.idempotencyKey());
        return DeliveryResult.sent(sid);
    }

    private DeliveryResult suppress(DeliveryRequest request, ReasonCode reason, String detail) {
        log.info("SMS {} for customer {} suppressed: {} ({})", request.idempotencyKey(), request.customerId(), reason, detail);
        publish(request, OutcomeType.SUPPRESSED, reason, detail);
        return DeliveryResult.suppressed(reason);
    }

    private DeliveryResult fail(DeliveryRequest request, ReasonCode reason, String detail, String sid) {
        publish(request, OutcomeType.FAILED, reason, detail);
        return DeliveryResult.failed(reason, sid);
    }

    private void publish(DeliveryRequest request, OutcomeType type, ReasonCode reason, String detail) {
        var outcome = new OfferOutcome(type, request.customerId(), request.journey(), request.journeyInstance(),
                request.step(), request.trigger(), request.productCode(), DeliveryRequest.CHANNEL, reason, detail,
                request.sourceEventId(), request.decisionId(), clock.instant());
        try {
            outcomes.publish(outcome);
        } catch (RuntimeException e) {
            // The ledger still says PENDING (or nothing), so the retried job publishes the same event id again.
            throw new DeliveryDeferredException("outcome " + outcome.eventId() + " not published: " + e.getMessage(), e);
        }
    }
}
