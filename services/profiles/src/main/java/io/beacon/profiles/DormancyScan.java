package io.beacon.profiles;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.contracts.Topics;
import io.beacon.platform.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Finds customers who stopped logging in: dormancy is the absence of events, so no event can announce it. Each
 * dormant customer is handed to decisioning as a profiled event of type {@value #TYPE}, at most once per
 * {@code renotifyAfter}.
 */
public class DormancyScan {

    public static final String TYPE = "beacon.profile.dormancy-detected";
    private static final Logger log = LoggerFactory.getLogger(DormancyScan.class);

    private final MongoCollection<Document> profiles;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Duration inactiveFor;
    private final Duration renotifyAfter;

    private final SealedFields sealed;

    public DormancyScan(MongoDatabase database, EventPublisher publisher, Clock clock, Duration inactiveFor, Duration renotifyAfter,
                        SealedFields sealed) {
        this.profiles = database.getCollection("profiles");
        this.sealed = sealed;
        this.publisher = publisher;
        this.clock = clock;
        this.inactiveFor = inactiveFor;
        this.renotifyAfter = renotifyAfter;
    }

    @Scheduled(initialDelayString = "${beacon.profiles.dormancy.initial-delay:PT1M}", fixedDelayString = "${beacon.profiles.dormancy.scan-every:PT1H}")
    public void scheduledScan() {
        int found = scan();
        if (found > 0) {
            log.info("dormancy scan: {} customers without a digital login for {}", found, inactiveFor);
        }
    }

    /** @return how many dormant customers were handed to decisioning */
    public int scan() {
        Instant now = Instant.now(clock);
        Date loginBefore = Date.from(now.minus(inactiveFor));
        Date notifiedBefore = Date.from(now.minus(renotifyAfter));
        var dormant = Filters.and(
                Filters.lt("lastDigitalLogin", loginBefore),
                Filters.or(Filters.exists("dormancyDetectedAt", false), Filters.lt("dormancyDetectedAt", notifiedBefore)));
        int found = 0;
        for (Document profile : profiles.find(dormant).projection(new Document("_id", 1))) {
            String customerId = profile.getString("_id");
            // claim the customer first: two scans (two instances) never report the same customer twice; the version
            // moves too, so a batch of events applied meanwhile is retried on top of this instead of erasing it
            Document claimed = profiles.findOneAndUpdate(Filters.and(Filters.eq("_id", customerId), dormant),
                    Updates.combine(Updates.set("dormancyDetectedAt", Date.from(now)), Updates.inc("version", 1L)));
            if (claimed == null) {
                continue;
            }
            String eventId = "dormancy-" + customerId + "-" + LocalDate.ofInstant(now, ZoneOffset.UTC);
            var data = Json.mapper().createObjectNode().put("lastDigitalLogin", claimed.getDate("lastDigitalLogin").toInstant().toString());
            var event = new ProfiledEvent(eventId, "/beacon/profiles", TYPE, data, ProfileSnapshots.of(sealed.opened(claimed)));
            publisher.publishAndWait(Topics.EVENTS_PROFILED, customerId,
                    BeaconEvents.build(eventId, "/beacon/profiles", "beacon.event.profiled", customerId, event));
            found++;
        }
        return found;
    }
}
