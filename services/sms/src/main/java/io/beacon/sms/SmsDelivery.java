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
import io.beacon.delivery.DeliveryLedger.Entry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
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
        TwilioMessage message = twilio.send(recipient.contactPoint(), body(request, recipient), request.idempotencyKey());
        return new Accepted(message.sid(), message.status());
    }

    /** Number, sender and text hashed: recognises the message in Twilio's list without keeping the number or text. */
    @Override
    protected String fingerprint(DeliveryRequest request, Recipient recipient) {
        return fingerprint(recipient.contactPoint(), twilio.from(), body(request, recipient));
    }

    /**
     * Twilio's Messages API takes no idempotency key, and its list filters only by To, From and date. So: the last
     * page of messages from our sender to this number, matched on the fingerprint recorded before the call and created
     * no earlier than a minute before the attempt (Twilio's clock may differ a little). ADR 0011.
     */
    @Override
    protected Lookup lookUp(DeliveryRequest request, Recipient recipient, Entry uncertain) {
        if (recipient == null || uncertain.fingerprint() == null) {
            return new Lookup.Unknowable(recipient == null ? "the phone number is gone from the profile, Twilio's list cannot be asked"
                    : "no fingerprint was recorded before the call");
        }
        Instant notBefore = uncertain.attemptedAt().minus(CLOCK_SKEW);
        for (TwilioMessage message : twilio.recentTo(recipient.contactPoint())) {
            boolean recentEnough = message.dateCreated() == null || !message.dateCreated().isBefore(notBefore);
            if (recentEnough && message.body() != null
                    && uncertain.fingerprint().equals(fingerprint(message.to(), message.from(), message.body()))) {
                return new Lookup.Found(message.sid(), message.status(), message.failed());
            }
        }
        return new Lookup.NotFound();
    }

    private String body(DeliveryRequest request, Recipient recipient) {
        return text.offer(request, recipient).part("text");
    }

    static String fingerprint(String to, String from, String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", to, from, body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
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
