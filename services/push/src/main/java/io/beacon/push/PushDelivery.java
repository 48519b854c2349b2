package io.beacon.push;

import io.beacon.delivery.Channel;
import io.beacon.delivery.ConsentClient;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.ExactlyOnceDelivery;
import io.beacon.delivery.ProfilesClient;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.platform.OutcomePublisher;
import java.time.Clock;

/**
 * Delivers one offer notification through FCM, in the shared exactly-once order ({@link ExactlyOnceDelivery}): what
 * is push here is the notification. A message name is recorded only once FCM accepted it and FCM has no status
 * lookup, so a send left pending with one is trusted.
 */
public class PushDelivery extends ExactlyOnceDelivery {

    private final FcmClient fcm;
    private final PushText text;
    private final ProfilesClient profiles;

    public PushDelivery(ConsentClient consent, ProfilesClient profiles, DeliveryLedger ledger, FcmClient fcm,
                        PushText text, OutcomePublisher outcomes, Clock clock) {
        super(Channel.PUSH, "FCM", consent, profiles, ledger, outcomes, clock);
        this.fcm = fcm;
        this.text = text;
        this.profiles = profiles;
    }

    /** An UNREGISTERED refusal means the app is gone from that device: the token is removed from the profile. */
    @Override
    protected Accepted handOver(DeliveryRequest request, Recipient recipient) {
        try {
            String name = fcm.send(recipient.contactPoint(), text.offer(request, recipient));
            return new Accepted(name, "accepted");
        } catch (FcmClient.UnregisteredTokenException e) {
            profiles.forgetPushToken(request.customerId(), recipient.contactPoint());
            throw e;
        }
    }
}
