package io.beacon.contracts.api.profiles;

import io.beacon.contracts.ProfileSnapshot;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * A customer's profile as the profiles service keeps it: the snapshot decisions read, and the contact points, masked for
 * everyone but the channel senders. An unknown customer is {@link io.beacon.contracts.api.ApiProblem.NotFound}.
 */
public interface ProfilesApi {

    /** The profile as decisions see it, without contact points. */
    @GetExchange("/api/profiles/{customerId}")
    ProfileSnapshot profile(@PathVariable String customerId);

    /** Who has this phone number (in the body, never in a URL that access logs keep); 400 naming {@code /phone} unless E.164. */
    @PostExchange("/api/profiles/lookup")
    PhoneHolders lookup(@RequestBody PhoneLookup lookup);

    /**
     * The one-way suppression tokens of the customer's contact points (their blind indexes), for the consent service to
     * keep when it erases the customer, and for decisioning's contact-policy check.
     */
    @GetExchange("/api/profiles/{customerId}/suppression-tokens")
    SuppressionTokens suppressionTokens(@PathVariable String customerId);

    /**
     * The push service reports a token FCM answered UNREGISTERED for (in the body: a token is a contact point); removed
     * only while it is still the profile's token. 400 naming {@code /token} when it is missing.
     */
    @PostExchange("/api/profiles/{customerId}/push-token/unregistered")
    PushTokenRemoval pushTokenUnregistered(@PathVariable String customerId, @RequestBody UnregisteredPushToken token);

    /** The contact points masked ({@code +44770****0123}, {@code j***@example.com}, {@code fcm-****}), for screens and any other caller. */
    @GetExchange("/api/profiles/{customerId}/contact-points")
    ContactPoints contactPoints(@PathVariable String customerId);

    /** The contact points in clear, for the channel senders only (role CHANNEL), right before a send. */
    @GetExchange("/internal/profiles/{customerId}/contact-points")
    ContactPoints contactPointsForSending(@PathVariable String customerId);
}
