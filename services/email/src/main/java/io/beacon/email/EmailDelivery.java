package io.beacon.email;

import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.email.DeliveryLedger.Entry;
import io.beacon.email.ProfilesClient.Recipient;
import io.beacon.platform.Masking;
import io.beacon.platform.OutcomePublisher;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one offer email: consent, then the address, then exactly one message, then the outcome. The job worker is
 * glue around this, so it can be tested without Zeebe or Kafka.
 * <p>
 * Returns how the send ended, or throws {@link DeliveryDeferredException} when it cannot end now; the job is then
 * retried, never completed as if it worked.
 */
public class EmailDelivery {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);

    private final ConsentClient consent;
    private final ProfilesClient profiles;
    private final DeliveryLedger ledger;
    private final SmtpSender smtp;
    private final EmailText text;
    private final OutcomePublisher outcomes;
    private final Clock clock;

    public EmailDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, SmtpSender smtp,
                         EmailText text, OutcomePublisher outcomes, Clock clock) {
        this.consent = consent;
        this.profiles = profiles;
        this.ledger = ledger;
        this.smtp = smtp;
        this.text = text;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public DeliveryResult deliver(DeliveryRequest request) {
        // Ledger first: an email that went out stays reported as sent, even if the customer opted out since.
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
        String address = recipient.map(Recipient::email).orElse(null);
        if (address == null) {
            return suppress(request, ReasonCode.NO_CONTACT_POINT, recipient.isEmpty() ? "no profile" : "no email address");
        }
        if (!parses(address)) {
            return fail(request, ReasonCode.INVALID_CONTACT_POINT, "email address does not parse", null);
        }

        if (earlier.isEmpty()) {
            Optional<Entry> raced = ledger.claim(request, Masking.email(address));
            if (raced.isPresent()) {
                Optional<DeliveryResult> settled = settle(request, raced.get());
                if (settled.isPresent()) {
                    return settled.get();
                }
            }
        }
        return send(request, recipient.get(), address);
    }

    private DeliveryResult send(DeliveryRequest request, Recipient recipient, String address) {
        String messageId;
        try {
            messageId = smtp.send(address, text.offer(request.customerId(), recipient.firstName(), request.productCode()),
                    request.idempotencyKey());
        } catch (ProviderRejectedException e) {
            log.info("email {} to {} refused: {}", request.idempotencyKey(), Masking.email(address), e.getMessage());
            DeliveryResult result = fail(request, e.reason(), e.getMessage(), null);
            ledger.markFailed(request.idempotencyKey(), e.reason(), e.getMessage());
            return result;
        } catch (ProviderUnavailableException e) {
            throw new DeliveryDeferredException("email " + request.idempotencyKey() + " not sent, SMTP unavailable: " + e.getMessage(), e);
        }
        ledger.recordAccepted(request.idempotencyKey(), messageId, "accepted");
        log.info("email {} to {} accepted by the relay as {}", request.idempotencyKey(), Masking.email(address), messageId);
        return confirmSent(request, messageId);
    }

    /** The result an earlier attempt already reached, or empty when it is safe to send (again). */
    private Optional<DeliveryResult> settle(DeliveryRequest request, Entry entry) {
        return switch (entry.state()) {
            case SENT -> Optional.of(DeliveryResult.sent(entry.providerMessageId()));
            case FAILED -> Optional.of(DeliveryResult.failed(entry.reason(), entry.providerMessageId()));
            // A Message-ID is recorded only once the relay accepted it; SMTP has no status lookup, so trust it.
            case PENDING -> entry.providerMessageId() == null
                    ? Optional.empty()
                    : Optional.of(confirmSent(request, entry.providerMessageId()));
        };
    }

    private DeliveryResult confirmSent(DeliveryRequest request, String messageId) {
        publish(request, OutcomeType.SENT, null, null);
        ledger.markSent(request.idempotencyKey());
        return DeliveryResult.sent(messageId);
    }

    private DeliveryResult suppress(DeliveryRequest request, ReasonCode reason, String detail) {
        log.info("email {} for customer {} suppressed: {} ({})", request.idempotencyKey(), request.customerId(), reason, detail);
        publish(request, OutcomeType.SUPPRESSED, reason, detail);
        return DeliveryResult.suppressed(reason);
    }

    private DeliveryResult fail(DeliveryRequest request, ReasonCode reason, String detail, String messageId) {
        publish(request, OutcomeType.FAILED, reason, detail);
        return DeliveryResult.failed(reason, messageId);
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

    private static boolean parses(String address) {
        try {
            new InternetAddress(address, true).validate();
            return true;
        } catch (AddressException e) {
            return false;
        }
    }
}
