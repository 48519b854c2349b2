package io.beacon.profiles;

import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.ContactPoints;
import io.beacon.contracts.api.profiles.PhoneHolders;
import io.beacon.contracts.api.profiles.PhoneLookup;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.contracts.api.profiles.PushTokenRemoval;
import io.beacon.contracts.api.profiles.SuppressionTokens;
import io.beacon.contracts.api.profiles.UnregisteredPushToken;
import io.beacon.platform.Masking;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProfilesController implements ProfilesApi {

    private final ProfileStore store;

    ProfilesController(ProfileStore store) {
        this.store = store;
    }

    @Override
    public ProfileSnapshot profile(String customerId) {
        return ProfileSnapshots.of(find(customerId));
    }

    @Override
    public PhoneHolders lookup(PhoneLookup lookup) {
        if (lookup == null || lookup.phone() == null || !lookup.phone().matches("^\\+[1-9][0-9]{6,14}$")) {
            throw ApiProblem.Invalid.field("/phone", "must be an E.164 number");
        }
        return new PhoneHolders(store.customersWithPhone(lookup.phone()));
    }

    @Override
    public SuppressionTokens suppressionTokens(String customerId) {
        var tokens = new LinkedHashMap<String, String>();
        find(customerId).get("contactIndex", new Document()).forEach((kind, token) -> tokens.put(kind, String.valueOf(token)));
        return new SuppressionTokens(tokens);
    }

    @Override
    public PushTokenRemoval pushTokenUnregistered(String customerId, UnregisteredPushToken body) {
        if (body == null || body.token() == null || body.token().isBlank()) {
            throw ApiProblem.Invalid.field("/token", "must be the push token FCM refused");
        }
        return new PushTokenRemoval(store.removePushToken(customerId, body.token()));
    }

    @Override
    public ContactPoints contactPoints(String customerId) {
        return contactPointsAnswer(customerId, true);
    }

    /**
     * The one answer of this service that carries a phone number, email address or push token unmasked. Under
     * /internal, the path service-to-service credentials guard to the senders' role; nothing else calls it.
     */
    @Override
    public ContactPoints contactPointsForSending(String customerId) {
        return contactPointsAnswer(customerId, false);
    }

    private ContactPoints contactPointsAnswer(String customerId, boolean masked) {
        Document p = find(customerId);
        Map<String, String> points = new LinkedHashMap<>();
        store.contactPoints(p).forEach((kind, value) -> points.put(kind, masked ? mask(kind, value) : value));
        // the senders check quiet hours again right before the call (timeZone), and pick the generic message for a
        // customer who refused profiling (PIPL Art. 24)
        // the senders hand a contact point's blind index to their send lease (ADR 0030); a screen has no use for it
        Map<String, String> tokens = null;
        if (!masked) {
            tokens = new LinkedHashMap<>();
            for (var token : p.get("contactIndex", new Document()).entrySet()) {
                tokens.put(token.getKey(), String.valueOf(token.getValue()));
            }
        }
        return new ContactPoints(customerId, p.getString("firstName"), p.getString("language"), p.getString("timeZone"),
                Boolean.TRUE.equals(p.getBoolean("noProfiling")), points.get("phone"), points.get("email"), points.get("pushToken"), tokens);
    }

    private Document find(String customerId) {
        return store.find(customerId).orElseThrow(() -> new ApiProblem.NotFound("no profile of customer " + customerId));
    }

    private static String mask(String kind, String value) {
        return switch (kind) {
            case "phone" -> Masking.phone(value);
            case "email" -> Masking.email(value);
            default -> Masking.token(value);
        };
    }
}
