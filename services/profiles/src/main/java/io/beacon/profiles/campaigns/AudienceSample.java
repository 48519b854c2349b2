package io.beacon.profiles.campaigns;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.profiles.ProfileSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.Document;

/**
 * A campaign's audience as it stands now, for the preview before launch: how many profiles match, and the snapshots
 * of all of them or, past {@code limit}, of a uniform random sample (reservoir sampling over the same streaming scan a
 * run does, seeded by the campaign so the same data gives the same sample). Only reads: no run, no member, no event.
 * Memory stays at {@code limit} customer ids while scanning, whatever the audience's size.
 */
public class AudienceSample {

    /**
     * @param found    profiles matching the audience now
     * @param members  their snapshots (no contact points): all of them when {@code sampled} is false
     */
    public record Sample(String campaignId, String audience, String audienceExpression, String offer, long found,
                         boolean sampled, Instant takenAt, List<ProfileSnapshot> members) {
    }

    private final MongoCollection<Document> profiles;
    private final Clock clock;
    private final int batchSize;

    private final io.beacon.profiles.SealedFields sealed;

    public AudienceSample(MongoDatabase database, Clock clock, int batchSize, io.beacon.profiles.SealedFields sealed) {
        this.profiles = database.getCollection("profiles");
        this.sealed = sealed;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    public Sample take(Campaign campaign, Audience audience, int limit) {
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        var random = new SplittableRandom(campaign.id().hashCode());
        List<String> chosen = new ArrayList<>(Math.min(limit, 10_000));
        long found = 0;
        try (MongoCursor<Document> cursor = profiles.find().projection(io.beacon.profiles.SealedFields.including(AudienceExpression.PROFILE_FIELDS))
                .sort(Sorts.ascending("_id")).batchSize(batchSize).iterator()) {
            while (cursor.hasNext()) {
                Document profile = sealed.opened(cursor.next());
                if (!audience.expression().matches(AudienceExpression.variables(profile, now, today))) {
                    continue;
                }
                found++;
                if (chosen.size() < limit) {
                    chosen.add(profile.getString("_id"));
                } else {
                    long slot = random.nextLong(found);
                    if (slot < limit) {
                        chosen.set((int) slot, profile.getString("_id"));
                    }
                }
            }
        }
        List<ProfileSnapshot> members = new ArrayList<>(chosen.size());
        for (String customerId : chosen) {
            // one look-up by _id each: erased since the scan means not there any more, and not counted as reachable
            Document profile = sealed.opened(profiles.find(Filters.eq("_id", customerId)).first());
            if (profile != null) {
                members.add(ProfileSnapshots.of(profile, now));
            }
        }
        return new Sample(campaign.id(), audience.id(), audience.expression().text(), campaign.offerCode(), found, found > chosen.size(),
                now, members);
    }
}
