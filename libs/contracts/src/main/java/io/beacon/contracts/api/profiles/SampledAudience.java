package io.beacon.contracts.api.profiles;

import io.beacon.contracts.ProfileSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * A campaign's audience as it is now, for decisioning's preview before launch.
 *
 * @param audience           the audience's id
 * @param audienceExpression the audience's expression
 * @param offer              the campaign's offer code
 * @param found              profiles matching the audience now
 * @param sampled            true when {@code members} is a uniform sample of {@code found}, false when it is all of them
 * @param takenAt            when the profiles were read
 * @param members            the members' snapshots (no contact points)
 */
public record SampledAudience(String campaignId, String audience, String audienceExpression, String offer, long found,
                              boolean sampled, Instant takenAt, List<ProfileSnapshot> members) {
}
