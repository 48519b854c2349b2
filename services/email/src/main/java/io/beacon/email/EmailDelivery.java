package io.beacon.email;

import io.beacon.delivery.Channel;
import io.beacon.delivery.ConsentClient;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.ExactlyOnceDelivery;
import io.beacon.delivery.ProfilesClient;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.platform.OutcomePublisher;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.Optional;

/**
 * Delivers one offer email through the SMTP relay, in the shared exactly-once order ({@link ExactlyOnceDelivery}):
 * what is email here is the address check and the message. A Message-ID is recorded only once the relay accepted it
 * and SMTP has no status lookup, so a send left pending with one is trusted.
 */
public class EmailDelivery extends ExactlyOnceDelivery {

    private final SmtpSender smtp;
    private final EmailText text;

    public EmailDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, SmtpSender smtp,
                         EmailText text, OutcomePublisher outcomes, Clock clock) {
        super(Channel.EMAIL, "SMTP", consent, profiles, ledger, outcomes, clock);
        this.smtp = smtp;
        this.text = text;
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
    protected Accepted handOver(DeliveryRequest request, Recipient recipient) {
        String messageId = smtp.send(recipient.contactPoint(),
                text.offer(request, recipient), request.idempotencyKey());
        return new Accepted(messageId, "accepted");
    }
}
