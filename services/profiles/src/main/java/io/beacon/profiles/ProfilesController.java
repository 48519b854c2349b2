package io.beacon.profiles;

import io.beacon.contracts.ProfileSnapshot;
import io.beacon.platform.Masking;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProfilesController {

    private final ProfileStore store;

    ProfilesController(ProfileStore store) {
        this.store = store;
    }

    /** The profile as decisions see it, without contact points. */
    @GetMapping("/api/profiles/{customerId}")
    ResponseEntity<ProfileSnapshot> profile(@PathVariable String customerId) {
        return store.find(customerId).map(ProfileSnapshots::of).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    record PhoneLookup(String phone) {
    }

    /** Who has this phone number (in the body, never in a URL that access logs keep). */
    @PostMapping("/api/profiles/lookup")
    ResponseEntity<Map<String, Object>> lookup(@RequestBody PhoneLookup lookup) {
        if (lookup == null || lookup.phone() == null || !lookup.phone().matches("^\\+[1-9][0-9]{6,14}$")) {
            return ResponseEntity.badRequest().body(Map.of("field", "/phone", "message", "must be an E.164 number"));
        }
        return ResponseEntity.ok(Map.of("customerIds", store.customersWithPhone(lookup.phone())));
    }

    /**
     * The one-way suppression tokens of the customer's contact points (their blind indexes), for the consent service to
     * keep when it erases the customer: the person is never marketed again, and nobody can read back who they were.
     */
    @GetMapping("/api/profiles/{customerId}/suppression-tokens")
    ResponseEntity<Map<String, Object>> suppressionTokens(@PathVariable String customerId) {
        return store.find(customerId).map(p -> {
            Map<String, Object> tokens = new LinkedHashMap<>(p.get("contactIndex", new org.bson.Document()));
            return ResponseEntity.ok(Map.<String, Object>of("tokens", tokens));
        }).orElse(ResponseEntity.notFound().build());
    }

    record UnregisteredPushToken(String token) {
    }

    /**
     * The push service reports a token FCM answered UNREGISTERED for (in the body: a token is a contact point). Removed
     * only while it is still the profile's token.
     */
    @PostMapping("/api/profiles/{customerId}/push-token/unregistered")
    ResponseEntity<Map<String, Object>> pushTokenUnregistered(@PathVariable String customerId, @RequestBody UnregisteredPushToken body) {
        if (body == null || body.token() == null || body.token().isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("field", "/token", "message", "must be the push token FCM refused"));
        }
        return ResponseEntity.ok(Map.of("removed", store.removePushToken(customerId, body.token())));
    }

    /**
     * The customer's contact points as a screen or another service may see them: masked ({@code +44770****0123},
     * {@code j***@example.com}, {@code fcm-****}). Enough to tell which number or address is on file, not to contact it.
     */
    @GetMapping("/api/profiles/{customerId}/contact-points")
    ResponseEntity<Map<String, Object>> contactPoints(@PathVariable String customerId) {
        return contactPointsAnswer(customerId, true);
    }

    /**
     * The contact points in clear, for the channel senders only (sms, email, push), right before a send: the one answer
     * of this service that carries a phone number, email address or push token unmasked. Under /internal, the path
     * service-to-service credentials guard; nothing else calls it.
     */
    @GetMapping("/internal/profiles/{customerId}/contact-points")
    ResponseEntity<Map<String, Object>> contactPointsForSending(@PathVariable String customerId) {
        return contactPointsAnswer(customerId, false);
    }

    private ResponseEntity<Map<String, Object>> contactPointsAnswer(String customerId, boolean masked) {
        return store.find(customerId).map(p -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("customerId", customerId);
            body.put("firstName", p.getString("firstName"));
            body.put("language", p.getString("language"));
            body.put("timeZone", p.getString("timeZone")); // the senders check quiet hours again right before the call
            // the senders pick the generic message for a customer who refused profiling (PIPL Art. 24)
            body.put("noProfiling", Boolean.TRUE.equals(p.getBoolean("noProfiling")));
            store.contactPoints(p).forEach((kind, value) -> body.put(kind, masked ? mask(kind, value) : value));
            body.values().removeIf(java.util.Objects::isNull);
            return ResponseEntity.ok(body);
        }).orElse(ResponseEntity.notFound().build());
    }

    private static String mask(String kind, String value) {
        return switch (kind) {
            case "phone" -> Masking.phone(value);
            case "email" -> Masking.email(value);
            default -> Masking.token(value);
        };
    }
}
