package io.beacon.contracts.api.profiles;

import java.util.Map;

/**
 * @param tokens the blind index of each contact point on file, by its kind ({@code phone}, {@code email},
 *               {@code pushToken}); one-way: nobody can read back the contact point from it
 */
public record SuppressionTokens(Map<String, String> tokens) {
}
