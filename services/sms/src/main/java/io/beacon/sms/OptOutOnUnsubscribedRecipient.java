package io.beacon.sms;

import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentChangeRequest;
import io.beacon.delivery.Channel;
import io.beacon.delivery.ChannelDelivery;
import io.beacon.delivery.DeliveryDeferredException;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.DeliveryResult;
import io.beacon.delivery.ProfilesClient;
import io.beacon.delivery.ProfilesClient.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's error 21610 as an opt-out: the number replied STOP to Beacon's sender at Twilio, which now refuses every
 * text to it. The send has ended FAILED {@code OPTED_OUT} (never retried, {@link TwilioClient}); this records what it
 * means, once the send's lease is given back (the consent service waits for open leases before it answers a withdrawal,
 * ADR 0015): SMS marketing withdrawn for the customer at the consent service (source {@value #SOURCE}), so the running
 * journeys end as on any other opt-out, and the number marked confirmed in {@link SmsOptOuts} (Twilio confirmed it), so
 * a STOP that reaches Beacon too gets no second confirmation.
 * <p>
 * When consent cannot be reached the job is deferred: the retried job finds the FAILED send in the ledger (nothing is
 * sent again) and records the withdrawal then.
 */
class OptOutOnUnsubscribedRecipient implements ChannelDelivery {

    static final String SOURCE = "/sms/twilio-21610";

    private static final Logger log = LoggerFactory.getLogger(OptOutOnUnsubscribedRecipient.class);

    private final ChannelDelivery sends;
    private final ConsentApi consent;
    private final ProfilesClient profiles;
    private final SmsOptOuts optOuts;

    OptOutOnUnsubscribedRecipient(ChannelDelivery sends, ConsentApi consent, ProfilesClient profiles, SmsOptOuts optOuts) {
        this.sends = sends;
        this.consent = consent;
        this.profiles = profiles;
        this.optOuts = optOuts;
    }

    @Override
    public DeliveryResult deliver(DeliveryRequest request) {
        DeliveryResult result = sends.deliver(request);
        // FAILED OPTED_OUT is Twilio's 21610 only: a withdrawal seen at the send lease ends SUPPRESSED instead
        if (result.status() == DeliveryResult.Status.FAILED && result.reason() == ReasonCode.OPTED_OUT) {
            withdraw(request);
        }
        return result;
    }

    @Override
    public DeliveryResult giveUp(DeliveryRequest request, String detail) {
        return sends.giveUp(request, detail);
    }

    private void withdraw(DeliveryRequest request) {
        try {
            consent.change(request.customerId(), new ConsentChangeRequest(Channel.SMS.id(), "marketing", "WITHDRAWN", null, SOURCE, null,
                    "Twilio refused a text with error 21610: the number unsubscribed from Beacon's sender"));
        } catch (ApiProblem e) {
            throw new DeliveryDeferredException("SMS " + request.idempotencyKey() + " refused by Twilio with 21610; SMS marketing of customer "
                    + request.customerId() + " not yet withdrawn, consent unavailable: " + e.getMessage(), e);
        }
        boolean first = profiles.recipient(request.customerId(), Channel.SMS).map(Recipient::contactPoint)
                .map(phone -> optOuts.claimConfirmation(phone, "twilio-21610")).orElse(false);
        log.info("SMS {}: Twilio 21610, SMS marketing withdrawn for customer {}{}", request.idempotencyKey(), request.customerId(),
                first ? "; the number marked confirmed (Twilio confirms its own opt-outs)" : "");
    }
}
