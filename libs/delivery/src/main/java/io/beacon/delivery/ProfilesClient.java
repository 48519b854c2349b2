package io.beacon.delivery;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.ContactPoints;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.contracts.api.profiles.UnregisteredPushToken;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Reads the customer's contact points from the profiles service at send time, never from a copy. */
public class ProfilesClient {

    /**
     * What a message needs to know of the customer; contactPoint is the asked channel's one (phone number, email
     * address or FCM registration token of their app), null when the profile has none; noProfiling when they refused
     * profiling (only generic messages).
     */
    public record Recipient(String customerId, String firstName, String language, String contactPoint, boolean noProfiling,
                            String timeZone, String contactToken) {

        public Recipient(String customerId, String firstName, String language, String contactPoint, boolean noProfiling, String timeZone) {
            this(customerId, firstName, language, contactPoint, noProfiling, timeZone, null);
        }

        public Recipient(String customerId, String firstName, String language, String contactPoint, boolean noProfiling) {
            this(customerId, firstName, language, contactPoint, noProfiling, null);
        }

        public Recipient(String customerId, String firstName, String language, String contactPoint) {
            this(customerId, firstName, language, contactPoint, false);
        }
    }

    private final ProfilesApi profiles;

    public ProfilesClient(ProfilesApi profiles) {
        this.profiles = profiles;
    }

    /** Empty when the profile is unknown (404); {@link DeliveryDeferredException} when the service cannot answer. */
    public Optional<Recipient> recipient(String customerId, Channel channel) {
        ContactPoints contact;
        try {
            // the clear values: the senders' own endpoint (the /api one answers masked)
            contact = profiles.contactPointsForSending(customerId);
        } catch (ApiProblem.NotFound unknown) {
            return Optional.empty();
        } catch (ApiProblem e) {
            throw new DeliveryDeferredException("contact points of customer " + customerId + " unavailable: " + e.getMessage(), e);
        }
        // A refusal of profiling (PIPL Art. 24) means the generic message, whatever the journey asked for.
        return Optional.of(new Recipient(customerId, text(contact.firstName()), text(contact.language()),
                text(contact.of(channel.contactPointField())), contact.noProfiling(), text(contact.timeZone()),
                contact.contactTokens() == null ? null : contact.contactTokens().get(channel.contactPointField())));
    }

    /**
     * Tells profiles a push token is dead (FCM UNREGISTERED), so no later send tries it. Best effort: the send has
     * already failed for good, and profiles removes the token only while it is still the profile's one.
     */
    public void forgetPushToken(String customerId, String token) {
        try {
            profiles.pushTokenUnregistered(customerId, new UnregisteredPushToken(token));
        } catch (ApiProblem e) {
            // The token stays until the next refusal; the kind of problem, not its detail, which could quote the request.
            LoggerFactory.getLogger(ProfilesClient.class).warn("could not remove an unregistered push token of customer {}: {}",
                    customerId, e.getClass().getSimpleName());
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
