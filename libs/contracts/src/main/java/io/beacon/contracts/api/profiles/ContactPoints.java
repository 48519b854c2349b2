package io.beacon.contracts.api.profiles;

import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * What a message needs to know of the customer, with the contact points on file: masked on
 * {@code /api/profiles/{id}/contact-points}, in clear on the senders' {@code /internal} one. A field the profile lacks
 * is left out of the answer.
 *
 * @param firstName   for the greeting; null when the bank gave none
 * @param language    a BCP 47 tag ({@code en-GB}); null when unknown
 * @param timeZone    an IANA zone ({@code Europe/London}), for the senders' last quiet-hours check; null when unknown
 * @param noProfiling the customer refused profiling (PIPL Art. 24): only the generic message may be sent
 * @param phone       E.164; null when none is on file
 * @param email       null when none is on file
 * @param pushToken   the FCM registration token of the customer's app; null when none is on file
 * @param contactTokens the blind index of each contact point on file, by kind ({@code phone}, {@code email},
 *                    {@code pushToken}): a one-way token the sender hands its send lease, so that the consent service can
 *                    refuse an erased person's contact point (ADR 0030); only on the senders' {@code /internal} answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactPoints(String customerId, String firstName, String language, String timeZone,
                            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean noProfiling, String phone, String email, String pushToken,
                            Map<String, String> contactTokens) {

    /** Without the blind indexes (the masked answer). */
    public ContactPoints(String customerId, String firstName, String language, String timeZone, boolean noProfiling, String phone,
                         String email, String pushToken) {
        this(customerId, firstName, language, timeZone, noProfiling, phone, email, pushToken, null);
    }

    /** The contact point of a kind as the profile names it ({@code phone}, {@code email}, {@code pushToken}); null when none. */
    public String of(String kind) {
        return switch (kind) {
            case "phone" -> phone;
            case "email" -> email;
            case "pushToken" -> pushToken;
            default -> null;
        };
    }
}
