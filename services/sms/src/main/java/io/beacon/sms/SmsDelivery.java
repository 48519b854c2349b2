package io.beacon.sms;

import io.beacon.contracts.ReasonCode;
import io.beacon.delivery.Channel;
import io.beacon.delivery.ConsentClient;
import io.beacon.delivery.DeliveryDeferredException;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.DeliveryResult;
import io.beacon.delivery.ExactlyOnceDelivery;
import io.beacon.delivery.ProfilesClient;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.delivery.ProviderUnavailableException;
import io.beacon.platform.OutcomePublisher;
import io.beacon.sms.TwilioClient.TwilioMessage;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one offer text through Twilio, in the shared exactly-once order ({@link ExactlyOnceDelivery}): what is
 * SMS here is the E.164 check, the text, and asking Twilio about a send left pending instead of resending blindly.
 */
public class SmsDelivery extends ExactlyOnceDelivery {

    private static final Logger log = LoggerFactory.getLogger(SmsDelivery.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final TwilioClient twilio;
    private final SmsText text;

    public SmsDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, TwilioClient twilio,
                       SmsText text, OutcomePublisher outcomes, Clock clock) {
        super(Channel.SMS, "Twilio", consent, profiles, ledger, outcomes, clock);
        this.twilio = twilio;
        this.text = text;
    }

    @Override
    protected Optional<String> invalidContactPoint(String phone) {
        return E164.matcher(phone).matches() ? Optional.empty() : Optional.of("phone number is not E.164");
    }

    @Override
    protected Accepted handOver(DeliveryRequest request, Recipient recipient) {
        TwilioMessage message = twilio.send(recipient.contactPoint(), text.offer(recipient.firstName(), request.productCode()));
        return new Accepted(message.sid(), message.status());
    }

    /** Twilio took the message but the worker stopped before the outcome was out: ask Twilio, do not resend blindly. */
    @Override
    protected Optional<DeliveryResult> resolvePending(DeliveryRequest request, String sid) {
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
            return Optional.of(failForGood(request, ReasonCode.PROVIDER_REJECTED, detail, sid));
        }
        return Optional.of(confirmSent(request, sid));
    }
}
