package io.beacon.email;

import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.Channel;
import io.beacon.delivery.ConsentClient;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.ExactlyOnceDelivery;
import io.beacon.delivery.ProfilesClient;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.delivery.SendGate;
import io.beacon.delivery.SendRefusedException;
import io.beacon.platform.Masking;
import io.beacon.platform.OutcomePublisher;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one offer email through the SMTP relay, in the shared exactly-once order ({@link ExactlyOnceDelivery}):
 * what is email here is the address check, the addresses that bounced for good (ADR 0034) and the message. A
 * Message-ID is recorded only once the relay accepted it and SMTP has no status lookup, so a send left pending with one
 * is trusted.
 */
public class EmailDelivery extends ExactlyOnceDelivery {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);

    private final ConsentClient consent;
    private final ProfilesClient profiles;
    private final DeliveryLedger ledger;
    private final SmtpSender smtp;
    private final EmailText text;
    private final UndeliverableAddresses undeliverable;

    public EmailDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, SmtpSender smtp,
                         EmailText text, OutcomePublisher outcomes, Clock clock) {
        this(consent, profiles, ledger, smtp, text, null, outcomes, clock);
    }

    /** @param undeliverable the addresses that bounced for good; null: none is refused */
    EmailDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, SmtpSender smtp, EmailText text,
                  UndeliverableAddresses undeliverable, OutcomePublisher outcomes, Clock clock) {
        super(Channel.EMAIL, "SMTP", consent, profiles, ledger, outcomes, clock);
        this.consent = consent;
        this.profiles = profiles;
        this.ledger = ledger;
        this.smtp = smtp;
        this.text = text;
        this.undeliverable = undeliverable;
    }

    @Override
    protected Optional<String> invalidContactPoint(String address) {
        try {
            new InternetAddress(address, true).validate();
            return Optional.empty();
        } catch (AddressException e) {
            return Optional.of("email address does not parse");
        }
    }

    @Override
    protected Optional<Refusal> refusal(Recipient recipient) {
        String status = undeliverable == null ? null : undeliverable.bounced(recipient.contactToken());
        return status == null ? Optional.empty()
                : Optional.of(new Refusal(ReasonCode.EMAIL_UNDELIVERABLE, "the address bounced for good earlier (status " + status + ")"));
    }

    @Override
    protected Accepted handOver(DeliveryRequest request, Recipient recipient) {
        String messageId = smtp.send(recipient.contactPoint(),
                text.offer(request, recipient), request.idempotencyKey());
        return new Accepted(messageId, "accepted");
    }

    /**
     * Sends an email that bounced softly once more (ADR 0034): the same message, rendered again from the send's record
     * (without an RM's personal note, which the ledger does not keep), with the same Message-ID, inside a send lease like
     * any send. Empty when it went to the relay; otherwise why it may not go (consent withdrawn since, no address, the
     * address bounced for good). Throws when the relay, profiles or consent cannot be reached now.
     */
    Optional<String> resend(String idempotencyKey) {
        DeliveryRequest request = ledger.request(idempotencyKey).orElseThrow(() -> new IllegalStateException("no email send " + idempotencyKey));
        Optional<Recipient> recipient = profiles.recipient(request.customerId(), Channel.EMAIL);
        if (recipient.isEmpty() || recipient.get().contactPoint() == null) {
            return Optional.of("the customer has no email address any more");
        }
        Optional<String> why = invalidContactPoint(recipient.get().contactPoint()).or(() -> refusal(recipient.get()).map(Refusal::detail));
        if (why.isPresent()) {
            return why;
        }
        try {
            SendGate.around(() -> consent.openSend(request.customerId(), Channel.EMAIL, idempotencyKey, recipient.get().contactToken()),
                    () -> smtp.send(recipient.get().contactPoint(), text.offer(request, recipient.get()), idempotencyKey));
        } catch (SendRefusedException e) {
            return Optional.of("refused at the send lease: " + e.reason());
        }
        log.info("email {} to {} sent again after a soft bounce", idempotencyKey, Masking.email(recipient.get().contactPoint()));
        return Optional.empty();
    }
}
